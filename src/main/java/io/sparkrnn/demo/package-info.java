/**
 * The lecture's demonstrations, run in one process: the hello example and the long-dependency copy
 * task for every cell.
 * Uses core, nn and the language-model task's network.
 */
package io.sparkrnn.demo;
