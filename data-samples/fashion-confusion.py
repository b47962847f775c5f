#!/usr/bin/env python3
"""Why the scenes use seven Fashion-MNIST classes: 1-nearest-neighbour accuracy on raw pixels
(the first 20,000 training images against the first 2,000 test images) over all ten classes,
per class, over the scenes' seven default classes and over the four upper-body garments.

    python3 data-samples/fashion-confusion.py DIR   # DIR: the four gzipped IDX files
                                                    # (DIR/source/deb/usr/share/datasets/fashion-mnist
                                                    # after jobs/fetch-caption-data.sh scenes DIR)
Needs numpy; about 5 s on one core.
"""
import gzip
import sys

import numpy as np

NAMES = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot"]
DEFAULT = [0, 1, 3, 5, 7, 8, 9]
UPPER_BODY = [0, 2, 4, 6]


def idx(path, magic, header):
    data = gzip.open(path).read()
    found = int.from_bytes(data[:4], "big")
    if found != magic:
        sys.exit(f"{path}: IDX magic number {magic:#010x} expected, found {found:#010x}")
    return np.frombuffer(data[header:], np.uint8)


def nearest(train_x, train_y, test_x):
    norms = (train_x ** 2).sum(1)
    out = []
    for i in range(0, len(test_x), 500):
        distances = norms[None, :] - 2 * test_x[i:i + 500] @ train_x.T
        out.append(train_y[distances.argmin(1)])
    return np.concatenate(out)


def accuracy(classes, x, y, tx, ty):
    keep, tkeep = np.isin(y, classes), np.isin(ty, classes)
    return (nearest(x[keep], y[keep], tx[tkeep]) == ty[tkeep]).mean(), tkeep.sum()


def main(folder):
    x = idx(f"{folder}/train-images-idx3-ubyte.gz", 0x803, 16).reshape(-1, 784)[:20000].astype(np.float32)
    y = idx(f"{folder}/train-labels-idx1-ubyte.gz", 0x801, 8)[:20000]
    tx = idx(f"{folder}/t10k-images-idx3-ubyte.gz", 0x803, 16).reshape(-1, 784)[:2000].astype(np.float32)
    ty = idx(f"{folder}/t10k-labels-idx1-ubyte.gz", 0x801, 8)[:2000]
    predicted = nearest(x, y, tx)
    print(f"all ten classes: {(predicted == ty).mean():.3f} of {len(ty)} test images")
    for c in range(10):
        mine = ty == c
        print(f"  {NAMES[c]:>10}: recall {(predicted[mine] == c).mean():.3f} of {mine.sum()}")
    for label, classes in (("the seven default classes", DEFAULT), ("t-shirt, pullover, coat, shirt", UPPER_BODY)):
        acc, n = accuracy(classes, x, y, tx, ty)
        print(f"{label}: {acc:.3f} of {n} test images")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
