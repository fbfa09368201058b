/** AWS Fargate's task sizes: CPU units → the memory sizes (MiB) Fargate allows with them, up to 16 vCPU. */
export const FARGATE_TASK_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, gib(1, 4, 1)],
  [1024, gib(2, 8, 1)],
  [2048, gib(4, 16, 1)],
  [4096, gib(8, 30, 1)],
  [8192, gib(16, 60, 4)],
  [16384, gib(32, 120, 8)],
]);

/** From `from` to `to` GiB by `step`, in MiB. */
function gib(from: number, to: number, step: number): number[] {
  return Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => (from + i * step) * 1024);
}
