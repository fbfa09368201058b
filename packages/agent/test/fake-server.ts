/** A stand-in for the Stevedore server, as much of it as the agent talks to, on 127.0.0.1. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { AGENT_POLL_PATH, ECS_TARGET_PREFIX, type AgentPollRequest, type AgentTask } from "@stevedore/shared";
import { applyChange, type TaskStateChange } from "../src/plan.ts";

export type Report = TaskStateChange & { cluster: string };

export class FakeServer {
  readonly registrations: Record<string, unknown>[] = [];
  readonly reports: Report[] = [];
  /** How many registrations to refuse first with ClusterNotFoundException. */
  refuseRegistrations = 0;
  registered = true;
  private tasks: AgentTask[] = [];
  private version = 1;
  private readonly waiting = new Set<() => void>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));

  private constructor(readonly containerInstanceArn: string) {}

  static async start(containerInstanceArn: string): Promise<FakeServer> {
    const fake = new FakeServer(containerInstanceArn);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  task(taskArn: string): AgentTask | undefined {
    return this.tasks.find((t) => t.taskArn === taskArn);
  }

  reportsOf(taskArn: string): Report[] {
    return this.reports.filter((r) => r.task === taskArn);
  }

  /** Changes the desired state; a waiting poll is answered at once. */
  setTasks(update: (tasks: AgentTask[]) => AgentTask[]): void {
    this.tasks = update(this.tasks);
    this.version++;
    for (const wake of this.waiting) wake();
  }

  close(): Promise<void> {
    for (const wake of this.waiting) wake();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let text = "";
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text || "{}") as Record<string, unknown>;
    const send = (status: number, answer: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    };
    const target = String(req.headers["x-amz-target"] ?? "").replace(`${ECS_TARGET_PREFIX}.`, "");
    if (req.url === AGENT_POLL_PATH) {
      const poll = body as unknown as AgentPollRequest;
      if (poll.seenVersion === String(this.version)) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            this.waiting.delete(wake);
            resolve();
          };
          this.waiting.add(wake);
          setTimeout(wake, Math.min(poll.waitMs ?? 0, 2000));
        });
      }
      return send(200, { version: String(this.version), registered: this.registered, tasks: this.tasks });
    }
    if (target === "RegisterContainerInstance") {
      this.registrations.push(body);
      if (this.refuseRegistrations > 0) {
        this.refuseRegistrations--;
        return send(400, { __type: "ClusterNotFoundException", message: "Cluster not found." });
      }
      this.registered = true;
      const memory = { name: "MEMORY", type: "INTEGER", doubleValue: 0, longValue: 0, integerValue: 3917 };
      return send(200, { containerInstance: { containerInstanceArn: this.containerInstanceArn, remainingResources: [memory] } });
    }
    if (target === "SubmitTaskStateChange") {
      const report = body as unknown as Report;
      this.reports.push(report);
      this.setTasks((tasks) => tasks.map((t) => (t.taskArn === report.task ? applyChange(t, report) : t)));
      return send(200, { acknowledgment: "true" });
    }
    send(400, { __type: "InvalidParameterException", message: `unknown ${target || req.url}` });
  }
}
