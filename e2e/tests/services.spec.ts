/**
 * The service story through the console: a cluster of EC2 instances, the sample task definition from
 * JSON, **Create service** with 3 tasks, the tasks running and the steady-state event, **Update service**
 * to 4 tasks and a new revision (one that writes a line at start), the deployment completing in the
 * Deployments tab and the events, the line in the Logs tabs, then **Delete service** (force) and the
 * cluster. Screenshots land in e2e/output/screenshots/services-NN-*.png, and what the console claims
 * is checked against DescribeServices.
 */
import { expect, test, type Page } from "@playwright/test";
import { deleteClusterFromConsole, ecs, screenshots } from "../support.ts";

const CLUSTER = `e2e-svc-${Date.now().toString(36)}`;
const SERVICE = "web";
const LOG_LINE = "sample-web revision with a start line";

const shot = screenshots("services-");

interface ServiceView {
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinition: string;
  deployments: { id: string; status: string; taskDefinition: string; rolloutState: string; runningCount: number }[];
  events: { message: string }[];
  deploymentConfiguration: { minimumHealthyPercent: number; maximumPercent: number; deploymentCircuitBreaker: { enable: boolean; rollback: boolean } };
  placementStrategy: { type: string; field?: string }[];
}

const describeService = async (page: Page): Promise<ServiceView> =>
  (await ecs<{ services: ServiceView[] }>(page, "DescribeServices", { cluster: CLUSTER, services: [SERVICE] })).services[0]!;

test("a service of the sample task from the console: create, update, watch, delete", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  let revision = 0;

  await test.step("Create cluster with Amazon EC2 instances", async () => {
    await page.goto("/create-cluster");
    await page.getByLabel("Cluster name").fill(CLUSTER);
    await page.getByLabel("Amazon EC2 instances").check();
    await page.getByLabel("EC2 instance type").selectOption("t3.small");
    await page.getByLabel("Desired capacity", { exact: true }).fill("2");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText(`Cluster ${CLUSTER} has been created successfully.`)).toBeVisible({ timeout: 60_000 });
    await expect
      .poll(async () => (await ecs(page, "ListContainerInstances", { cluster: CLUSTER })).containerInstanceArns.length, { timeout: 60_000 })
      .toBe(2);
  });

  await test.step("Register the sample task definition with JSON", async () => {
    await page.goto("/task-definitions/create-json");
    await expect(page.getByLabel("Task definition JSON")).toHaveValue(/stevedore\/sample-web:latest/);
    await page.getByRole("button", { name: "Create", exact: true }).click();
    const heading = page.getByRole("heading", { level: 1, name: /^sample-web:\d+$/ });
    await expect(heading).toBeVisible();
    revision = Number((await heading.textContent())!.split(":")[1]);
  });

  await test.step("Cluster Services tab: empty, with Create", async () => {
    await page.goto(`/clusters/${CLUSTER}/services`);
    const table = page.getByRole("table", { name: "Services" });
    await expect(table.getByText("No services", { exact: true })).toBeVisible();
    for (const header of ["Service name", "Status", "Service type", "Deployments and tasks", "Task definition", "Launch type", "Last deployment"]) {
      await expect(table.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
    }
    await expect(page.getByRole("button", { name: "Update", exact: true })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Delete service" })).toBeDisabled();
    await shot(page, "01-services-empty");
  });

  await test.step("Create service with 3 tasks", async () => {
    await page.getByRole("link", { name: "Create", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create service" })).toBeVisible();
    await expect(page.getByLabel("Existing cluster", { exact: true })).toHaveValue(CLUSTER);
    // The console's defaults.
    await expect(page.getByLabel("Desired tasks", { exact: true })).toHaveValue("1");
    await expect(page.getByLabel("Min running tasks", { exact: true })).toHaveValue("100");
    await expect(page.getByLabel("Max running tasks", { exact: true })).toHaveValue("200");
    await expect(page.getByLabel("Use the Amazon ECS deployment circuit breaker", { exact: true })).toBeChecked();
    await expect(page.getByLabel("Rollback on failures", { exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: /^AZ Balanced Spread/ })).toBeChecked();
    await expect(page.getByRole("region", { name: "Networking" })).toContainText("Not applicable");
    await page.getByLabel("Family", { exact: true }).selectOption("sample-web");
    await page.getByLabel("Revision", { exact: true }).selectOption(String(revision));
    await page.getByLabel("Service name", { exact: true }).fill(SERVICE);
    await page.getByLabel("Desired tasks", { exact: true }).fill("3");
    await shot(page, "02-create-service");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Service : ${SERVICE}` })).toBeVisible();
    await expect(page.getByText(`Service ${SERVICE} has been created successfully.`)).toBeVisible();
    const s = await describeService(page);
    expect(s.desiredCount).toBe(3);
    expect(s.taskDefinition).toMatch(new RegExp(`task-definition/sample-web:${revision}$`));
    expect(s.deploymentConfiguration).toEqual({ minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } });
    expect(s.placementStrategy).toEqual([
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "spread", field: "instanceId" },
    ]);
  });

  await test.step("3 tasks running and the steady-state event", async () => {
    await expect(page.getByRole("tab", { name: "Health and metrics", selected: true })).toBeVisible();
    await expect(page.getByText("3/3 tasks running").first()).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole("img", { name: /CPU utilization, last hour/ })).toBeVisible();
    await shot(page, "03-service-health");
    await page.getByRole("tab", { name: "Tasks" }).click();
    const tasks = page.getByRole("table", { name: "Tasks" });
    await expect(tasks.getByRole("row").filter({ hasText: `sample-web:${revision}` })).toHaveCount(3);
    await expect(tasks.getByText("Running", { exact: true }).first()).toBeVisible();
    await shot(page, "04-service-tasks");
    await page.getByRole("tab", { name: "Events" }).click();
    const events = page.getByRole("table", { name: "Events" });
    await expect(events.getByText(`(service ${SERVICE}) has reached a steady state.`).first()).toBeVisible({ timeout: 60_000 });
    await shot(page, "05-service-events");
    const s = await describeService(page);
    expect(s.runningCount).toBe(3);
    expect(s.deployments).toHaveLength(1);
    expect(s.deployments[0]!.rolloutState).toBe("COMPLETED");
    expect(s.events.some((e) => e.message === `(service ${SERVICE}) has reached a steady state.`)).toBe(true);
  });

  await test.step("Cluster Services tab lists the service", async () => {
    await page.goto(`/clusters/${CLUSTER}/services`);
    const row = page.getByRole("table", { name: "Services" }).getByRole("row").filter({ hasText: SERVICE });
    await expect(row.getByRole("link", { name: SERVICE, exact: true })).toBeVisible();
    await expect(row).toContainText("3/3 tasks running");
    await expect(row).toContainText("REPLICA");
    await expect(row).toContainText(`sample-web:${revision}`);
    await expect(row).toContainText("Completed");
    await expect(page.getByRole("region", { name: "Cluster overview" })).toContainText(/Active\s*1/);
    await shot(page, "06-cluster-services");
  });

  let next = 0;
  await test.step("Create new revision with JSON: a container that writes a line at start", async () => {
    await page.goto(`/task-definitions/create-json?from=sample-web:${revision}`);
    const field = page.getByLabel("Task definition JSON");
    await expect(field).toHaveValue(/sample-web/);
    const body = JSON.parse(await field.inputValue());
    body.containerDefinitions[0].command = ["/bin/sh", "-c", `echo "${LOG_LINE}"; exec /bin/sh /app/start.sh`];
    await field.fill(JSON.stringify(body, null, 2));
    await page.getByRole("button", { name: "Create", exact: true }).click();
    const heading = page.getByRole("heading", { level: 1, name: /^sample-web:\d+$/ });
    await expect(heading).toBeVisible();
    next = Number((await heading.textContent())!.split(":")[1]);
    expect(next).toBeGreaterThan(revision);
  });

  await test.step("Update service: 4 tasks of the new revision", async () => {
    await page.goto(`/clusters/${CLUSTER}/services`);
    await page.getByRole("checkbox", { name: `Select ${SERVICE}` }).check();
    await page.getByRole("button", { name: "Update", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Update service" })).toBeVisible();
    await expect(page.getByLabel("Revision", { exact: true })).toHaveValue(String(revision));
    await expect(page.getByLabel("Desired tasks", { exact: true })).toHaveValue("3");
    await page.getByLabel("Revision", { exact: true }).selectOption(String(next));
    await page.getByLabel("Desired tasks", { exact: true }).fill("4");
    await shot(page, "07-update-service");
    await page.getByRole("button", { name: "Update", exact: true }).click();
    await expect(page.getByText(`Service ${SERVICE} has been updated successfully.`)).toBeVisible();
    await expect(page.getByRole("tab", { name: "Deployments", selected: true })).toBeVisible();
  });

  await test.step("Deployments: the new revision's deployment completes", async () => {
    const deployments = page.getByRole("table", { name: "Deployments" });
    await expect(deployments.getByRole("row").filter({ hasText: `sample-web:${next}` })).toBeVisible();
    await shot(page, "08-deployment-in-progress");
    const rows = deployments.getByRole("row").filter({ hasText: /ecs-svc\// });
    await expect(rows).toHaveCount(1, { timeout: 120_000 });
    await expect(rows.first()).toContainText(`sample-web:${next}`);
    await expect(rows.first()).toContainText("Completed", { timeout: 60_000 });
    await expect(rows.first()).toContainText("Primary");
    await shot(page, "09-deployment-completed");
    const s = await describeService(page);
    expect(s.desiredCount).toBe(4);
    expect(s.runningCount).toBe(4);
    expect(s.taskDefinition).toMatch(new RegExp(`task-definition/sample-web:${next}$`));
    expect(s.deployments).toHaveLength(1);
    expect(s.deployments[0]!.rolloutState).toBe("COMPLETED");
    expect(s.events.some((e) => /\(deployment ecs-svc\/\d+\) deployment completed\.$/.test(e.message))).toBe(true);
  });

  await test.step("Events: the rollout's events, newest first", async () => {
    await page.getByRole("tab", { name: "Events" }).click();
    const events = page.getByRole("table", { name: "Events" });
    await expect(events.getByText(/deployment completed\.$/).first()).toBeVisible({ timeout: 60_000 });
    await expect(events.getByText(/has started \d+ tasks:/).first()).toBeVisible();
    await expect(events.getByText(/has stopped \d+ running tasks:/).first()).toBeVisible();
    await shot(page, "10-events-after-update");
  });

  await test.step("Logs: the new tasks' start lines, merged", async () => {
    await page.getByRole("tab", { name: "Logs" }).click();
    const logs = page.getByRole("table", { name: "Log events" });
    await expect(logs.getByRole("row").filter({ hasText: LOG_LINE })).toHaveCount(4, { timeout: 60_000 });
    await expect(page.getByRole("switch", { name: "Follow" })).toBeChecked();
    await page.getByLabel("Filter log lines", { exact: true }).fill("no such line");
    await expect(logs.getByText("No matches")).toBeVisible();
    await page.getByLabel("Filter log lines", { exact: true }).fill("");
    await shot(page, "11-service-logs");
  });

  await test.step("Task page Logs tab", async () => {
    await page.getByRole("tab", { name: "Tasks" }).click();
    const tasks = page.getByRole("table", { name: "Tasks" });
    await expect(tasks.getByRole("row").filter({ hasText: `sample-web:${next}` })).toHaveCount(4, { timeout: 60_000 });
    await tasks.getByRole("row").filter({ hasText: `sample-web:${next}` }).first().getByRole("link", { name: /^[0-9a-f]{32}$/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Task : [0-9a-f]{32}$/ })).toBeVisible();
    await page.getByRole("tab", { name: "Logs" }).click();
    const logs = page.getByRole("table", { name: "Log events" });
    for (const header of ["Timestamp", "Message", "Container"]) await expect(logs.getByRole("columnheader", { name: header })).toBeVisible();
    await expect(logs.getByRole("row").filter({ hasText: LOG_LINE })).toHaveCount(1);
    await expect(logs.getByRole("row").filter({ hasText: LOG_LINE })).toContainText("web");
    await shot(page, "12-task-logs");
  });

  await test.step("Delete service with force", async () => {
    await page.goto(`/clusters/${CLUSTER}/services/${SERVICE}/configuration`);
    await expect(page.getByRole("region", { name: "Deployment configuration" })).toContainText("Turned on with rollback");
    await shot(page, "13-configuration");
    await page.getByRole("button", { name: "Delete service" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete service" });
    await dialog.getByLabel("Force delete service", { exact: true }).check();
    await dialog.getByRole("textbox").fill("delete");
    await shot(page, "14-delete-service");
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByText(`Service ${SERVICE} deleted successfully.`)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: `Cluster : ${CLUSTER}` })).toBeVisible();
    await expect.poll(async () => (await describeService(page)).status, { timeout: 60_000 }).toBe("INACTIVE");
    await expect(page.getByRole("table", { name: "Services" }).getByText("No services", { exact: true })).toBeVisible({ timeout: 10_000 });
    await shot(page, "15-service-deleted");
  });

  await test.step("Delete cluster", async () => {
    await deleteClusterFromConsole(page, CLUSTER);
  });

  expect(errors).toEqual([]);
});
