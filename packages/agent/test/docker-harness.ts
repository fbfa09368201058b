/**
 * Runs tasks with the agent's own start code (startTask) on the real Docker Engine, under an instance
 * ARN of the test file's own, and cleans up after. Reports go to a list instead of a server.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { NO_SAFETY_SWITCHES, type AgentTask, type ContainerDefinition, type SafetySwitches, type TaskDefinition } from "@stevedore/shared";
import { DockerClient } from "../src/docker.ts";
import { createLogger } from "../src/log.ts";
import type { ObservedContainer, TaskStateChange } from "../src/plan.ts";
import { sleep } from "../src/sleep.ts";
import { startTask } from "../src/start-task.ts";
import { CLUSTER_ARN, INSTANCE_ARN, TASK_ARN, task, taskDefinition } from "./fixtures.ts";

export const client = new DockerClient("/var/run/docker.sock");

export class Harness {
  readonly run = randomBytes(4).toString("hex");
  readonly instanceArn = `${INSTANCE_ARN}-${this.run}`;
  readonly reports: TaskStateChange[] = [];
  readonly log: string[] = [];
  private tasks = 0;

  /** A new task (its own ARN) of these containers, as the server would send it. */
  task(containers: ContainerDefinition[], td: Partial<TaskDefinition> = {}): AgentTask {
    return task({ taskArn: `${TASK_ARN}-${this.run}-${++this.tasks}`, containers: [], taskDefinition: taskDefinition(containers, td) });
  }

  /**
   * startTask with a context of this harness: the containers are created and started, reports kept.
   * `existing` resumes an interrupted start; `wanted` can give up a start part way.
   */
  async start(
    t: AgentTask,
    { existing = [], wanted = () => true, safety = NO_SAFETY_SWITCHES }: { existing?: ObservedContainer[]; wanted?: () => boolean; safety?: SafetySwitches } = {},
  ): Promise<TaskStateChange[]> {
    const abort = new AbortController();
    const before = this.reports.length;
    await startTask(
      {
        docker: client,
        log: createLogger((line) => this.log.push(line)),
        clusterArn: CLUSTER_ARN,
        containerInstanceArn: this.instanceArn,
        safety,
        signal: abort.signal,
        report: async (change) => (this.reports.push(change), true),
        metadataFor: async () => undefined,
        wanted,
      },
      t,
      existing,
    );
    return this.reports.slice(before);
  }

  /** The task's container named `name`, as Docker has it now. */
  async container(t: AgentTask, name: string): Promise<ObservedContainer> {
    const found = (await client.containers(this.instanceArn, t.taskArn)).find((c) => c.containerName === name);
    assert.ok(found, `container ${name} of ${t.taskArn}`);
    return found;
  }

  /** Removes every container and task volume of this harness. */
  async cleanup(): Promise<void> {
    for (const c of await client.containers(this.instanceArn)) await client.remove(c.id);
    for (const v of await client.taskVolumes(this.instanceArn)) await client.removeVolume(v.name);
  }
}

/** What a container printed (stdout and stderr), through the Docker CLI. */
export const output = (id: string): string => execFileSync("docker", ["logs", id], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

export function inspect(id: string): any {
  return JSON.parse(execFileSync("docker", ["inspect", id], { encoding: "utf8" }))[0];
}

export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** busybox sh -c, the test image having no /bin/sh. */
export const sh = (script: string) => ["/bin/busybox", "sh", "-c", script];
