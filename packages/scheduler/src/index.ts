export * from "./types.ts";
export { placeTasks } from "./place.ts";
export { seededRandom } from "./random.ts";
export { taskReservation, type TaskReservation } from "./demand.ts";
export { spreadValue } from "./strategies.ts";
