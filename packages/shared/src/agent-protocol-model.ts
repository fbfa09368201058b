/**
 * The agent routes' requests in the same form as AWS's models (aws/model.ts), so the server decodes
 * them with the same decoder as every API request: types, required members and bounds checked at the
 * edge, nothing else passed on.
 */
import type { ServiceModel } from "./aws/model.ts";

const string = { type: "string" } as const;

export const AGENT_MODEL: ServiceModel = {
  metadata: { apiVersion: "stevedore-agent-v1", protocol: "json" },
  operations: {},
  shapes: {
    String: string,
    Arn: { type: "string", min: 1, max: 1600 },
    Name: { type: "string", min: 1, max: 255 },
    Message: { type: "string", max: 262_144 },
    Millis: { type: "long", min: 0 },
    WaitMs: { type: "integer" },
    Amount: { type: "double", min: 0 },
    Stream: { type: "string", enum: ["stdout", "stderr"] },
    AgentPollRequest: {
      type: "structure",
      required: ["containerInstanceArn"],
      members: { cluster: { shape: "String" }, containerInstanceArn: { shape: "Arn" }, seenVersion: { shape: "String" }, waitMs: { shape: "WaitMs" } },
    },
    LogEvent: {
      type: "structure",
      required: ["timestamp", "message"],
      members: { timestamp: { shape: "Millis" }, message: { shape: "Message" }, stream: { shape: "Stream" } },
    },
    LogEvents: { type: "list", member: { shape: "LogEvent" }, max: 10_000 },
    AgentLogBatch: {
      type: "structure",
      required: ["taskArn", "containerName", "events"],
      members: { cluster: { shape: "String" }, containerInstanceArn: { shape: "String" }, taskArn: { shape: "Arn" }, containerName: { shape: "Name" }, events: { shape: "LogEvents" } },
    },
    StatsSample: {
      type: "structure",
      required: ["taskArn", "containerName", "timestamp", "cpuUnits", "memoryMiB"],
      members: { taskArn: { shape: "Arn" }, containerName: { shape: "Name" }, timestamp: { shape: "Millis" }, cpuUnits: { shape: "Amount" }, memoryMiB: { shape: "Amount" } },
    },
    StatsSamples: { type: "list", member: { shape: "StatsSample" }, max: 10_000 },
    AgentStatsBatch: {
      type: "structure",
      required: ["samples"],
      members: { cluster: { shape: "String" }, containerInstanceArn: { shape: "String" }, samples: { shape: "StatsSamples" } },
    },
  },
};
