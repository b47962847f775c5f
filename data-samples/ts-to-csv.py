# Usage: python3 ts-to-csv.py JapaneseVowels_TRAIN.ts japanese-vowels-train.csv JapaneseVowels_TEST.ts japanese-vowels-test.csv
# Converts the UEA/UCR .ts files of JapaneseVowels to the long CSV layout of the
# classification job: one row per utterance and frame, the 12 LPC cepstrum coefficients as
# columns c1..c12, values copied as text (no rounding).
import sys
def convert(src, dst, prefix):
    out = open(dst, "w")
    out.write("utterance,speaker,frame," + ",".join("c%d" % i for i in range(1, 13)) + "\n")
    n = 0
    data = False
    for line in open(src):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower() == "@data":
            data = True
            continue
        if not data:
            continue
        parts = line.split(":")
        label = parts[-1]
        dims = [p.split(",") for p in parts[:-1]]
        assert len(dims) == 12, len(dims)
        length = len(dims[0])
        assert all(len(d) == length for d in dims)
        n += 1
        for t in range(length):
            out.write("%s%03d,%s,%d,%s\n" % (prefix, n, label, t + 1, ",".join(d[t] for d in dims)))
    out.close()
    print(dst, n, "utterances")
convert(sys.argv[1], sys.argv[2], "train-")
convert(sys.argv[3], sys.argv[4], "test-")
