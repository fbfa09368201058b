import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { STOPPED_REASONS, type AgentTask, type ContainerDefinition } from "@stevedore/shared";
import {
  NETWORK_GONE_REASON,
  OOM_REASON,
  PAUSE_CONTAINER_NAME,
  applyChange,
  dependencyState,
  plan,
  startOrder,
  type Action,
  type ObservedContainer,
  type ObservedVolume,
  type TaskStateChange,
} from "../src/plan.ts";
import { TASK_ARN, container, task, taskDefinition } from "./fixtures.ts";

const binding = { bindIP: "127.1.0.3", containerPort: 80, hostPort: 32768, protocol: "tcp" as const };
const running = {
  app: container("app", "running", { networkBindings: [binding] }),
  sidecar: container("sidecar", "running"),
};
const serverRunning: AgentTask["containers"] = [
  { name: "app", lastStatus: "RUNNING", runtimeId: "id-app" },
  { name: "sidecar", lastStatus: "RUNNING", runtimeId: "id-sidecar" },
];
const OTHER_TASK = "arn:aws:ecs:us-east-1:123456789012:task/demo/ffffffffffffffffffffffffffffffff";

/** An awsvpc task of the fixture's app (port 80) and sidecar, on its own address. */
const vpcTask = (extra: Partial<AgentTask> = {}) => {
  const defs = task().taskDefinition.containerDefinitions;
  return task({ bindIP: "127.2.0.9", taskDefinition: taskDefinition(defs, { networkMode: "awsvpc" }), ...extra });
};
const vpcBinding = { bindIP: "127.2.0.9", containerPort: 80, hostPort: 80, protocol: "tcp" as const };
/** The pause container publishes every port of the task; its containers (in its network) publish none. */
const pause = (state: string, extra: Partial<ObservedContainer> = {}) =>
  container(PAUSE_CONTAINER_NAME, state, { id: "id-pause", networkBindings: state === "running" ? [vpcBinding] : [], ...extra });
const joined = (name: string, state: string, extra: Partial<ObservedContainer> = {}) =>
  container(name, state, { networkMode: "container:id-pause", ipv4Addresses: [], ...extra });
const vpcRunning = [pause("running"), joined("app", "running"), joined("sidecar", "running")];
const vpcRunningTask = vpcTask({ lastStatus: "RUNNING", containers: serverRunning });
const PAUSE_DIED = "2024-01-01T00:05:00.000Z";
const AFTER_PAUSE = "2024-01-01T00:10:00.000Z";
const AFTER_PAUSE_S = Date.parse(AFTER_PAUSE) / 1000;
const killed = (name: string) => joined(name, "exited", { exitCode: 143, finishedAt: AFTER_PAUSE });
const reportOf = (change: Omit<TaskStateChange, "task">): Action => ({ kind: "report", taskArn: TASK_ARN, change: { task: TASK_ARN, ...change } });
/** Stops these containers (by name, with their stop timeouts) of the fixture task. */
const stopOf = (...targets: [string, number][]): Action => ({
  kind: "stop",
  taskArn: TASK_ARN,
  containers: targets.map(([name, timeoutSec]) => ({ id: name === PAUSE_CONTAINER_NAME ? "id-pause" : `id-${name}`, containerName: name, timeoutSec })),
});
const stoppedChange = (name: string, exitCode: number) => ({ containerName: name, runtimeId: `id-${name}`, status: "STOPPED" as const, exitCode });

/** A RUNNING task whose essential "app" has `restartPolicy`. */
const restartTask = (restartPolicy: NonNullable<ContainerDefinition["restartPolicy"]>) =>
  task({ lastStatus: "RUNNING", containers: serverRunning }, [
    { name: "app", image: "nginx:latest", restartPolicy },
    { name: "sidecar", image: "busybox", essential: false, stopTimeout: 5 },
  ]);

/** "app" exited with `exitCode` after running `seconds` since its last start. */
const exitedAfter = (seconds: number, exitCode: number) =>
  container("app", "exited", {
    exitCode,
    startedAt: "2024-01-01T00:00:00.000Z",
    finishedAt: new Date(Date.parse("2024-01-01T00:00:00.000Z") + seconds * 1000).toISOString(),
  });

interface Case {
  name: string;
  tasks: AgentTask[];
  observed: ObservedContainer[];
  busy?: string[];
  volumes?: ObservedVolume[];
  expected: Action[];
}

const cases: Case[] = [
  {
    name: "new task (PROVISIONING, no containers) → start",
    tasks: [task({ lastStatus: "PROVISIONING" })],
    observed: [],
    expected: [{ kind: "start", taskArn: TASK_ARN, task: task({ lastStatus: "PROVISIONING" }), existing: [] }],
  },
  {
    name: "PENDING, no containers → start",
    tasks: [task()],
    observed: [],
    expected: [{ kind: "start", taskArn: TASK_ARN, task: task(), existing: [] }],
  },
  {
    name: "a task with an action under way is left alone",
    tasks: [task()],
    observed: [],
    busy: [TASK_ARN],
    expected: [],
  },
  {
    name: "interrupted start (one created, one missing) → resume it with the existing containers",
    tasks: [task()],
    observed: [container("app", "created")],
    expected: [{ kind: "start", taskArn: TASK_ARN, task: task(), existing: [container("app", "created")] }],
  },
  {
    name: "adoption: containers running, server says PENDING → report RUNNING, never start again",
    tasks: [task()],
    observed: [running.app, running.sidecar],
    expected: [
      {
        kind: "report",
        taskArn: TASK_ARN,
        change: {
          task: TASK_ARN,
          status: "RUNNING",
          containers: [
            { containerName: "app", runtimeId: "id-app", status: "RUNNING", networkBindings: [binding] },
            { containerName: "sidecar", runtimeId: "id-sidecar", status: "RUNNING", networkBindings: [] },
          ],
        },
      },
    ],
  },
  {
    name: "everything as the server knows it → nothing",
    tasks: [task({ lastStatus: "RUNNING", containers: serverRunning })],
    observed: [running.app, running.sidecar],
    expected: [],
  },
  {
    name: "non-essential container exited → report it, the task stays RUNNING",
    tasks: [task({ lastStatus: "RUNNING", containers: serverRunning })],
    observed: [running.app, container("sidecar", "exited", { exitCode: 3 })],
    expected: [
      {
        kind: "report",
        taskArn: TASK_ARN,
        change: { task: TASK_ARN, status: "RUNNING", containers: [{ containerName: "sidecar", runtimeId: "id-sidecar", status: "STOPPED", exitCode: 3 }] },
      },
    ],
  },
  {
    name: "essential container exited, others running → stop them with their stopTimeout",
    tasks: [task({ lastStatus: "RUNNING", containers: serverRunning })],
    observed: [container("app", "exited", { exitCode: 1 }), running.sidecar],
    expected: [{ kind: "stop", taskArn: TASK_ARN, containers: [{ id: "id-sidecar", containerName: "sidecar", timeoutSec: 5 }] }],
  },
  {
    name: "essential container exited, all stopped → report STOPPED with every exit code",
    tasks: [task({ lastStatus: "RUNNING", containers: serverRunning })],
    observed: [
      container("app", "exited", { exitCode: 1, finishedAt: "2024-01-01T00:10:00.000Z" }),
      container("sidecar", "exited", { exitCode: 143, finishedAt: "2024-01-01T00:10:02.000Z" }),
    ],
    expected: [
      {
        kind: "report",
        taskArn: TASK_ARN,
        change: {
          task: TASK_ARN,
          status: "STOPPED",
          reason: "Essential container in task exited",
          containers: [
            { containerName: "app", runtimeId: "id-app", status: "STOPPED", exitCode: 1 },
            { containerName: "sidecar", runtimeId: "id-sidecar", status: "STOPPED", exitCode: 143 },
          ],
          executionStoppedAt: Date.parse("2024-01-01T00:10:02.000Z") / 1000,
        },
      },
    ],
  },
  {
    name: "essential container killed by the OOM killer → container reason OutOfMemoryError",
    tasks: [task({ lastStatus: "RUNNING", containers: serverRunning })],
    observed: [container("app", "exited", { exitCode: 137, oomKilled: true }), container("sidecar", "exited")],
    expected: [
      {
        kind: "report",
        taskArn: TASK_ARN,
        change: {
          task: TASK_ARN,
          status: "STOPPED",
          reason: "Essential container in task exited",
          containers: [
            { containerName: "app", runtimeId: "id-app", status: "STOPPED", exitCode: 137, reason: OOM_REASON },
            { containerName: "sidecar", runtimeId: "id-sidecar", status: "STOPPED", exitCode: 0 },
          ],
          executionStoppedAt: Date.parse("2024-01-01T00:10:00.000Z") / 1000,
        },
      },
    ],
  },
  {
    name: "server says RUNNING but the containers are gone → report STOPPED",
    tasks: [task({ lastStatus: "RUNNING", containers: serverRunning })],
    observed: [],
    expected: [
      {
        kind: "report",
        taskArn: TASK_ARN,
        change: {
          task: TASK_ARN,
          status: "STOPPED",
          reason: "Essential container in task exited",
          containers: [
            { containerName: "app", status: "STOPPED" },
            { containerName: "sidecar", status: "STOPPED" },
          ],
        },
      },
    ],
  },
  {
    name: "desired STOPPED, containers running → report STOPPING, then stop them",
    tasks: [task({ desiredStatus: "STOPPED", lastStatus: "RUNNING", containers: serverRunning })],
    observed: [running.app, running.sidecar],
    expected: [
      { kind: "report", taskArn: TASK_ARN, change: { task: TASK_ARN, status: "STOPPING", containers: [] } },
      {
        kind: "stop",
        taskArn: TASK_ARN,
        containers: [
          { id: "id-app", containerName: "app", timeoutSec: 30 },
          { id: "id-sidecar", containerName: "sidecar", timeoutSec: 5 },
        ],
      },
    ],
  },
  {
    name: "desired STOPPED, server already STOPPING → only stop",
    tasks: [task({ desiredStatus: "STOPPED", lastStatus: "STOPPING", containers: serverRunning })],
    observed: [running.app, running.sidecar],
    expected: [
      {
        kind: "stop",
        taskArn: TASK_ARN,
        containers: [
          { id: "id-app", containerName: "app", timeoutSec: 30 },
          { id: "id-sidecar", containerName: "sidecar", timeoutSec: 5 },
        ],
      },
    ],
  },
  {
    name: "desired STOPPED, containers exited → report STOPPED with exit codes",
    tasks: [task({ desiredStatus: "STOPPED", lastStatus: "STOPPING", containers: serverRunning })],
    observed: [container("app", "exited", { exitCode: 0 }), container("sidecar", "exited", { exitCode: 137 })],
    expected: [
      {
        kind: "report",
        taskArn: TASK_ARN,
        change: {
          task: TASK_ARN,
          status: "STOPPED",
          containers: [
            { containerName: "app", runtimeId: "id-app", status: "STOPPED", exitCode: 0 },
            { containerName: "sidecar", runtimeId: "id-sidecar", status: "STOPPED", exitCode: 137 },
          ],
          executionStoppedAt: Date.parse("2024-01-01T00:10:00.000Z") / 1000,
        },
      },
    ],
  },
  {
    name: "desired STOPPED before any container existed → report STOPPED at once",
    tasks: [task({ desiredStatus: "STOPPED" })],
    observed: [],
    expected: [
      {
        kind: "report",
        taskArn: TASK_ARN,
        change: {
          task: TASK_ARN,
          status: "STOPPED",
          containers: [
            { containerName: "app", status: "STOPPED" },
            { containerName: "sidecar", status: "STOPPED" },
          ],
        },
      },
    ],
  },
  {
    name: "server says STOPPED: exited containers are kept, nothing reported",
    tasks: [task({ desiredStatus: "STOPPED", lastStatus: "STOPPED" })],
    observed: [container("app", "exited"), container("sidecar", "exited")],
    expected: [],
  },
  {
    name: "server says STOPPED but a container still runs → stop it",
    tasks: [task({ desiredStatus: "STOPPED", lastStatus: "STOPPED" })],
    observed: [running.app],
    expected: [{ kind: "stop", taskArn: TASK_ARN, containers: [{ id: "id-app", containerName: "app", timeoutSec: 30 }] }],
  },
  {
    name: "containers of a task the server no longer lists are orphans → remove",
    tasks: [],
    observed: [container("app", "exited"), container("x", "running", { id: "id-x", taskArn: OTHER_TASK })],
    expected: [
      { kind: "remove", taskArn: TASK_ARN, containerIds: ["id-app"], pauseContainerIds: [], volumes: [] },
      { kind: "remove", taskArn: OTHER_TASK, containerIds: ["id-x"], pauseContainerIds: [], volumes: [] },
    ],
  },
  {
    name: "orphans of a task with an action under way are left alone",
    tasks: [],
    observed: [container("app", "running")],
    busy: [TASK_ARN],
    expected: [],
  },
  {
    name: "of two containers with one name, the running one counts",
    tasks: [task({ lastStatus: "RUNNING", containers: serverRunning })],
    observed: [container("app", "exited", { id: "id-old", exitCode: 1, createdAt: "2024-01-02T00:00:00Z" }), running.app, running.sidecar],
    expected: [],
  },
  {
    name: "health: a running container's health the server lacks → report it, the task stays RUNNING",
    tasks: [task({ lastStatus: "RUNNING", containers: serverRunning })],
    observed: [{ ...running.app, health: "healthy" }, running.sidecar],
    expected: [
      {
        kind: "report",
        taskArn: TASK_ARN,
        change: {
          task: TASK_ARN,
          status: "RUNNING",
          containers: [{ containerName: "app", runtimeId: "id-app", status: "RUNNING", networkBindings: [binding], healthStatus: "HEALTHY" }],
        },
      },
    ],
  },
  {
    name: "health: the health the server has → nothing",
    tasks: [task({ lastStatus: "RUNNING", containers: [{ ...serverRunning[0]!, healthStatus: "UNHEALTHY" }, serverRunning[1]!] })],
    observed: [{ ...running.app, health: "unhealthy" }, running.sidecar],
    expected: [],
  },
  {
    name: "health: starting again (after a restart) → UNKNOWN",
    tasks: [task({ lastStatus: "RUNNING", containers: [{ ...serverRunning[0]!, healthStatus: "HEALTHY" }, serverRunning[1]!] })],
    observed: [{ ...running.app, health: "starting" }, running.sidecar],
    expected: [
      {
        kind: "report",
        taskArn: TASK_ARN,
        change: {
          task: TASK_ARN,
          status: "RUNNING",
          containers: [{ containerName: "app", runtimeId: "id-app", status: "RUNNING", networkBindings: [binding], healthStatus: "UNKNOWN" }],
        },
      },
    ],
  },
  {
    name: "restart policy: an essential container that ran long enough exits → restart it in place, report nothing",
    tasks: [restartTask({ enabled: true, restartAttemptPeriod: 60 })],
    observed: [exitedAfter(61, 1), running.sidecar],
    expected: [{ kind: "restart", taskArn: TASK_ARN, containers: [{ id: "id-app", containerName: "app" }] }],
  },
  {
    name: "restart policy: an ignored exit code → the container stopped (essential: stop the task)",
    tasks: [restartTask({ enabled: true, ignoredExitCodes: [0, 1], restartAttemptPeriod: 60 })],
    observed: [exitedAfter(61, 1), running.sidecar],
    expected: [{ kind: "stop", taskArn: TASK_ARN, containers: [{ id: "id-sidecar", containerName: "sidecar", timeoutSec: 5 }] }],
  },
  {
    name: "restart policy: ran shorter than restartAttemptPeriod → not restarted",
    tasks: [restartTask({ enabled: true, restartAttemptPeriod: 60 })],
    observed: [exitedAfter(59, 1), running.sidecar],
    expected: [{ kind: "stop", taskArn: TASK_ARN, containers: [{ id: "id-sidecar", containerName: "sidecar", timeoutSec: 5 }] }],
  },
  {
    name: "restart policy: the period defaults to 300 s",
    tasks: [restartTask({ enabled: true })],
    observed: [exitedAfter(300, 2), running.sidecar],
    expected: [{ kind: "restart", taskArn: TASK_ARN, containers: [{ id: "id-app", containerName: "app" }] }],
  },
  {
    name: "restart policy: disabled → not restarted",
    tasks: [restartTask({ enabled: false, restartAttemptPeriod: 60 })],
    observed: [exitedAfter(600, 1), running.sidecar],
    expected: [{ kind: "stop", taskArn: TASK_ARN, containers: [{ id: "id-sidecar", containerName: "sidecar", timeoutSec: 5 }] }],
  },
  {
    name: "restart policy: Docker refused the last restart (State.Error) → not tried again",
    tasks: [restartTask({ enabled: true, restartAttemptPeriod: 60 })],
    observed: [{ ...exitedAfter(61, 1), error: "container abc is not running" }, running.sidecar],
    expected: [{ kind: "stop", taskArn: TASK_ARN, containers: [{ id: "id-sidecar", containerName: "sidecar", timeoutSec: 5 }] }],
  },
  {
    name: "restart policy: the task is being stopped → not restarted",
    tasks: [{ ...restartTask({ enabled: true, restartAttemptPeriod: 60 }), desiredStatus: "STOPPED" }],
    observed: [exitedAfter(61, 1), running.sidecar],
    expected: [
      { kind: "report", taskArn: TASK_ARN, change: { task: TASK_ARN, status: "STOPPING", containers: [{ containerName: "app", runtimeId: "id-app", status: "STOPPED", exitCode: 1 }] } },
      { kind: "stop", taskArn: TASK_ARN, containers: [{ id: "id-sidecar", containerName: "sidecar", timeoutSec: 5 }] },
    ],
  },
  {
    name: "volumes of a task the server no longer lists go with its containers",
    tasks: [],
    observed: [container("app", "exited")],
    volumes: [{ name: "ecs-web-3-data-0a1b", taskArn: TASK_ARN }],
    expected: [{ kind: "remove", taskArn: TASK_ARN, containerIds: ["id-app"], pauseContainerIds: [], volumes: ["ecs-web-3-data-0a1b"] }],
  },
  {
    name: "volumes left without containers (a start that failed early) are removed too",
    tasks: [],
    observed: [],
    volumes: [{ name: "ecs-web-3-data-0a1b", taskArn: OTHER_TASK }],
    expected: [{ kind: "remove", taskArn: OTHER_TASK, containerIds: [], pauseContainerIds: [], volumes: ["ecs-web-3-data-0a1b"] }],
  },
  {
    name: "volumes of a task the server lists, even STOPPED, are kept",
    tasks: [task({ desiredStatus: "STOPPED", lastStatus: "STOPPED" })],
    observed: [container("app", "exited")],
    volumes: [{ name: "ecs-web-3-data-0a1b", taskArn: TASK_ARN }],
    expected: [],
  },
  {
    name: "awsvpc: new task → start (the start creates the pause container first)",
    tasks: [vpcTask()],
    observed: [],
    expected: [{ kind: "start", taskArn: TASK_ARN, task: vpcTask(), existing: [] }],
  },
  {
    name: "awsvpc: a start interrupted after the pause container was created → resume it with the pause container",
    tasks: [vpcTask()],
    observed: [pause("running")],
    expected: [{ kind: "start", taskArn: TASK_ARN, task: vpcTask(), existing: [pause("running")] }],
  },
  {
    name: "awsvpc: the pause container and the containers only created → resume the start",
    tasks: [vpcTask()],
    observed: [pause("created"), joined("app", "created"), joined("sidecar", "created")],
    expected: [{ kind: "start", taskArn: TASK_ARN, task: vpcTask(), existing: [pause("created"), joined("app", "created"), joined("sidecar", "created")] }],
  },
  {
    name: "awsvpc adoption: all running → report RUNNING without the pause container, the app's port on the task's address",
    tasks: [vpcTask()],
    observed: vpcRunning,
    expected: [
      reportOf({
        status: "RUNNING",
        containers: [
          { containerName: "app", runtimeId: "id-app", status: "RUNNING", networkBindings: [vpcBinding] },
          { containerName: "sidecar", runtimeId: "id-sidecar", status: "RUNNING", networkBindings: [] },
        ],
      }),
    ],
  },
  { name: "awsvpc: RUNNING and all running → nothing", tasks: [vpcRunningTask], observed: vpcRunning, expected: [] },
  {
    name: "awsvpc: the pause container died → stop the task's containers (their network is gone)",
    tasks: [vpcRunningTask],
    observed: [pause("exited", { finishedAt: PAUSE_DIED }), joined("app", "running"), joined("sidecar", "running")],
    expected: [stopOf(["app", 30], ["sidecar", 5])],
  },
  {
    name: "awsvpc: the pause container was removed → stop the task's containers",
    tasks: [vpcRunningTask],
    observed: [joined("app", "running"), joined("sidecar", "exited")],
    expected: [stopOf(["app", 30])],
  },
  {
    name: "awsvpc: the pause container died first, the rest stopped since → report STOPPED: the task's network is gone",
    tasks: [vpcRunningTask],
    observed: [pause("exited", { finishedAt: PAUSE_DIED }), killed("app"), killed("sidecar")],
    expected: [reportOf({ status: "STOPPED", reason: NETWORK_GONE_REASON, containers: [stoppedChange("app", 143), stoppedChange("sidecar", 143)], executionStoppedAt: AFTER_PAUSE_S })],
  },
  {
    name: "awsvpc: an essential container exited → stop the others, the pause container not yet",
    tasks: [vpcRunningTask],
    observed: [pause("running"), joined("app", "exited", { exitCode: 1 }), joined("sidecar", "running")],
    expected: [stopOf(["sidecar", 5])],
  },
  {
    name: "awsvpc: the task's containers all stopped → stop the pause container",
    tasks: [vpcRunningTask],
    observed: [pause("running"), joined("app", "exited", { exitCode: 1 }), killed("sidecar")],
    expected: [stopOf([PAUSE_CONTAINER_NAME, 2])],
  },
  {
    name: "awsvpc: the pause container stopped after the essential container exited → report STOPPED: essential container exited",
    tasks: [vpcRunningTask],
    observed: [pause("exited", { finishedAt: "2024-01-01T00:11:00.000Z" }), joined("app", "exited", { exitCode: 1 }), killed("sidecar")],
    expected: [
      reportOf({
        status: "STOPPED",
        reason: STOPPED_REASONS.essentialContainerExited,
        containers: [stoppedChange("app", 1), stoppedChange("sidecar", 143)],
        executionStoppedAt: AFTER_PAUSE_S,
      }),
    ],
  },
  {
    name: "awsvpc, desired STOPPED → report STOPPING and stop the task's containers, the pause container not yet",
    tasks: [{ ...vpcRunningTask, desiredStatus: "STOPPED" }],
    observed: vpcRunning,
    expected: [reportOf({ status: "STOPPING", containers: [] }), stopOf(["app", 30], ["sidecar", 5])],
  },
  {
    name: "awsvpc, desired STOPPED, the task's containers stopped → stop the pause container, then report STOPPED",
    tasks: [
      vpcTask({
        lastStatus: "STOPPING",
        desiredStatus: "STOPPED",
        containers: [
          { name: "app", lastStatus: "STOPPED", runtimeId: "id-app", exitCode: 143 },
          { name: "sidecar", lastStatus: "STOPPED", runtimeId: "id-sidecar", exitCode: 143 },
        ],
      }),
    ],
    observed: [pause("running"), killed("app"), killed("sidecar")],
    expected: [stopOf([PAUSE_CONTAINER_NAME, 2])],
  },
  {
    name: "awsvpc: containers an agent without pause containers started (networks of their own) → left running",
    tasks: [vpcRunningTask],
    observed: [running.app, running.sidecar],
    expected: [],
  },
  {
    name: "awsvpc: the task's containers gone with the pause container → an essential container exited",
    tasks: [vpcRunningTask],
    observed: [],
    expected: [
      reportOf({
        status: "STOPPED",
        reason: STOPPED_REASONS.essentialContainerExited,
        containers: [
          { containerName: "app", status: "STOPPED" },
          { containerName: "sidecar", status: "STOPPED" },
        ],
      }),
    ],
  },
  {
    name: "awsvpc: a task the server no longer lists → remove its containers, then its pause container",
    tasks: [],
    observed: [pause("exited"), killed("app"), killed("sidecar")],
    expected: [{ kind: "remove", taskArn: TASK_ARN, containerIds: ["id-app", "id-sidecar"], pauseContainerIds: ["id-pause"], volumes: [] }],
  },
];

describe("plan", () => {
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(plan(c.tasks, c.observed, new Set(c.busy), c.volumes ?? []), c.expected));
  }

  it("takes every task of the answer independently", () => {
    const other = task({ taskArn: OTHER_TASK, lastStatus: "PROVISIONING" });
    const actions = plan([task({ lastStatus: "RUNNING", containers: serverRunning }), other], [running.app, running.sidecar], new Set(), []);
    assert.deepEqual(actions, [{ kind: "start", taskArn: OTHER_TASK, task: other, existing: [] }]);
  });

  it("converges: once a report is applied to the server view, the same plan asks nothing more", () => {
    const pending = task();
    const [report] = plan([pending], [running.app, running.sidecar], new Set(), []);
    assert.equal(report?.kind, "report");
    if (report?.kind !== "report") return;
    assert.deepEqual(plan([applyChange(pending, report.change)], [running.app, running.sidecar], new Set(), []), []);
  });
});

describe("applyChange", () => {
  it("moves the task and its containers forward with exit codes and runtime ids", () => {
    const next = applyChange(task({ lastStatus: "RUNNING", containers: serverRunning }), {
      task: TASK_ARN,
      status: "STOPPED",
      containers: [{ containerName: "app", runtimeId: "id-app", status: "STOPPED", exitCode: 2 }],
    });
    assert.equal(next.lastStatus, "STOPPED");
    assert.deepEqual(next.containers, [
      { name: "app", lastStatus: "STOPPED", exitCode: 2, runtimeId: "id-app" },
      { name: "sidecar", lastStatus: "RUNNING", runtimeId: "id-sidecar" },
    ]);
  });

  it("never moves a task or container backwards (a late PENDING after RUNNING)", () => {
    const before = task({ lastStatus: "RUNNING", containers: serverRunning });
    const next = applyChange(before, { task: TASK_ARN, status: "PENDING", containers: [{ containerName: "app", status: "PENDING" }] });
    assert.deepEqual(next, before);
  });

  it("carries health statuses into the server view", () => {
    const next = applyChange(task({ lastStatus: "RUNNING", containers: serverRunning }), {
      task: TASK_ARN,
      status: "RUNNING",
      containers: [{ containerName: "app", runtimeId: "id-app", status: "RUNNING", healthStatus: "UNHEALTHY" }],
    });
    assert.deepEqual(next.containers[0], { name: "app", lastStatus: "RUNNING", runtimeId: "id-app", healthStatus: "UNHEALTHY" });
  });

  it("adds containers the server did not list", () => {
    const next = applyChange(task({ containers: [] }), { task: TASK_ARN, status: "RUNNING", containers: [{ containerName: "app", runtimeId: "x", status: "RUNNING" }] });
    assert.deepEqual(next.containers, [{ name: "app", lastStatus: "RUNNING", runtimeId: "x" }]);
  });
});

describe("startOrder", () => {
  const def = (name: string, extra = {}) => ({ name, image: "busybox", ...extra });
  const table: { name: string; defs: ReturnType<typeof def>[]; expected: string[] }[] = [
    { name: "definition order without dependencies", defs: [def("a"), def("b"), def("c")], expected: ["a", "b", "c"] },
    {
      name: "dependsOn START first",
      defs: [def("web", { dependsOn: [{ containerName: "db", condition: "START" }] }), def("db")],
      expected: ["db", "web"],
    },
    {
      name: "chains of dependencies and links",
      defs: [def("a", { links: ["b:bee"] }), def("b", { dependsOn: [{ containerName: "c", condition: "SUCCESS" }] }), def("c")],
      expected: ["c", "b", "a"],
    },
    {
      name: "a cycle falls back to definition order",
      defs: [def("a", { links: ["b"] }), def("b", { links: ["a"] })],
      expected: ["a", "b"],
    },
    {
      name: "volumesFrom: the source container first",
      defs: [def("app", { volumesFrom: [{ sourceContainer: "data", readOnly: true }] }), def("data")],
      expected: ["data", "app"],
    },
    { name: "unknown dependencies are ignored", defs: [def("a", { links: ["zzz"] }), def("b")], expected: ["a", "b"] },
  ];
  for (const c of table) it(c.name, () => assert.deepEqual(startOrder(c.defs).map((d) => d.name), c.expected));
});

describe("dependencyState", () => {
  const table: [string, Parameters<typeof dependencyState>[0], ObservedContainer | undefined, string][] = [
    ["START: running", "START", container("d", "running"), "met"],
    ["START: created", "START", container("d", "created"), "waiting"],
    ["COMPLETE: running", "COMPLETE", container("d", "running"), "waiting"],
    ["COMPLETE: exited 1", "COMPLETE", container("d", "exited", { exitCode: 1 }), "met"],
    ["SUCCESS: exited 0", "SUCCESS", container("d", "exited", { exitCode: 0 }), "met"],
    ["SUCCESS: exited 1", "SUCCESS", container("d", "exited", { exitCode: 1 }), "failed"],
    ["HEALTHY: starting", "HEALTHY", container("d", "running", { health: "starting" }), "waiting"],
    ["HEALTHY: healthy", "HEALTHY", container("d", "running", { health: "healthy" }), "met"],
    ["HEALTHY: exited", "HEALTHY", container("d", "exited"), "failed"],
    ["removed", "START", undefined, "failed"],
  ];
  for (const [name, condition, dep, expected] of table) it(name, () => assert.equal(dependencyState(condition, dep), expected));
});
