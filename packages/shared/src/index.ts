export * from "./arn.ts";
export * from "./instance-types.ts";
export * from "./task-states.ts";
export * from "./task-definition.ts";
export * from "./ecs-types.ts";
export * from "./agent-protocol.ts";
export * from "./aws-json-client.ts";
export * from "./regions.ts";
