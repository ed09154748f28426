/**
 * Instances kept for the life of the module, so the classes' hidden classes stay alive (see
 * `keepShapes`).
 */
const keptShapes: unknown[] = [];

/**
 * Keeps `instance` for the life of the module. A class's instance layout (V8's hidden class,
 * reached from the constructor only through weak transitions, one per field) is held by its
 * instances alone; a full garbage collection that finds none alive frees it and deoptimizes
 * every function compiled against it. The batch kernels create their trackers and lists per
 * call and drop them on return, so a collection between two analyses (the benchmark forces one
 * before each round) threw away the optimized kernels and the next few hundred analyses ran
 * while they were compiled again: twice the time per analysis over a round of 483 series.
 */
export function keepShapes<T>(instance: T): T {
  keptShapes.push(instance);
  return instance;
}

