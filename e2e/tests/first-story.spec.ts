/**
 * The first story through the console, as a workshop student clicks it: create a cluster with EC2
 * instances, watch its agents register, register the sample task definition from JSON, run tasks,
 * open one, stop it, delete the cluster. A screenshot of every page lands in e2e/output/screenshots/,
 * and what the console claims is checked against the ECS API.
 */
import { expect, test } from "@playwright/test";
import { ecs, screenshots } from "../support.ts";

const CLUSTER = "e2e-demo";

const shot = screenshots("");

test("a cluster of EC2 instances runs the sample task, from the console", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  await test.step("Clusters", async () => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: /^Clusters \(\d+\)$/ })).toBeVisible();
    await shot(page, "01-clusters");
  });

  await test.step("Create cluster with Amazon EC2 instances", async () => {
    await page.getByRole("link", { name: "Create cluster" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create cluster" })).toBeVisible();
    await page.getByLabel("Cluster name").fill(CLUSTER);
    await page.getByLabel("Amazon EC2 instances").check();
    await page.getByLabel("EC2 instance type").selectOption("t3.small");
    await page.getByLabel("Desired capacity", { exact: true }).fill("2");
    await shot(page, "02-create-cluster");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText(`Cluster ${CLUSTER} has been created successfully.`)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole("link", { name: CLUSTER, exact: true })).toBeVisible();
    await shot(page, "03-cluster-created");
  });

  await test.step("Infrastructure: the instances' agents register", async () => {
    await page.getByRole("link", { name: CLUSTER, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Cluster : ${CLUSTER}` })).toBeVisible();
    await page.getByRole("tab", { name: "Infrastructure" }).click();
    const instances = page.getByRole("table", { name: "Container instances" });
    await expect(instances.getByRole("row").filter({ hasText: "t3.small" })).toHaveCount(2, { timeout: 60_000 });
    await expect(instances.getByText(/^127\.\d+\.\d+\.\d+$/)).toHaveCount(2);
    const listed = await ecs<{ containerInstanceArns: string[] }>(page, "ListContainerInstances", { cluster: CLUSTER });
    expect(listed.containerInstanceArns).toHaveLength(2);
    await shot(page, "04-infrastructure");
  });

  await test.step("Create new task definition with JSON", async () => {
    await page.getByRole("link", { name: "Task definitions" }).click();
    await page.getByRole("button", { name: "Create new task definition" }).click();
    await page.getByRole("menuitem", { name: "Create new task definition with JSON" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create new task definition with JSON" })).toBeVisible();
    await expect(page.getByLabel("Task definition JSON")).toHaveValue(/stevedore\/sample-web:latest/);
    await shot(page, "05-task-definition-json");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Task definition successfully created")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: /^sample-web:\d+$/ })).toBeVisible();
    await shot(page, "06-task-definition-revision");
    await page.getByRole("tab", { name: "JSON" }).click();
    await expect(page.getByText('"taskDefinitionArn"')).toBeVisible();
    await shot(page, "07-task-definition-json-tab");
  });

  await test.step("Deploy → Run task", async () => {
    await page.getByRole("button", { name: "Deploy" }).click();
    await page.getByRole("menuitem", { name: "Run task" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Run task" })).toBeVisible();
    await page.getByLabel("Existing cluster").selectOption(CLUSTER);
    await page.getByLabel("Desired tasks").fill("2");
    await shot(page, "08-run-task");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Tasks launched")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: `Cluster : ${CLUSTER}` })).toBeVisible();
    // Live status: the rows go from Provisioning/Pending to Running without a reload.
    const tasks = page.getByRole("table", { name: "Tasks" });
    await expect(tasks.getByRole("row").filter({ hasText: "sample-web" })).toHaveCount(2);
    await expect(tasks.getByText(/^(Provisioning|Pending)$/)).toHaveCount(0, { timeout: 60_000 });
    const { taskArns } = await ecs(page, "ListTasks", { cluster: CLUSTER });
    const described = await ecs(page, "DescribeTasks", { cluster: CLUSTER, tasks: taskArns });
    expect(described.tasks.map((t: { lastStatus: string }) => t.lastStatus)).toEqual(["RUNNING", "RUNNING"]);
    await shot(page, "09-tasks-running");
  });

  let taskId = "";
  await test.step("Task page: the container's binding opens the sample page", async () => {
    await page.getByRole("table", { name: "Tasks" }).getByRole("link", { name: /^[0-9a-f]{32}$/ }).first().click();
    const heading = page.getByRole("heading", { level: 1, name: /^Task : [0-9a-f]{32}$/ });
    await expect(heading).toBeVisible();
    taskId = (await heading.textContent())!.replace("Task : ", "").trim();
    const open = page.getByRole("link", { name: /Open address/ }).first();
    await expect(open).toBeVisible();
    const href = (await open.getAttribute("href"))!;
    expect(href).toMatch(/^http:\/\/127\.\d+\.\d+\.\d+:\d+\/$/);
    const sample = await page.request.get(href);
    expect(await sample.text()).toContain(taskId);
    await shot(page, "10-task");
  });

  await test.step("Stop the task", async () => {
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    const dialog = page.getByRole("dialog");
    if (await dialog.isVisible()) await dialog.getByRole("button", { name: "Stop", exact: true }).click();
    await expect.poll(async () => (await ecs(page, "DescribeTasks", { cluster: CLUSTER, tasks: [taskId] })).tasks[0].lastStatus, { timeout: 60_000 }).toBe("STOPPED");
    // The open task page follows by itself.
    await expect(page.getByRole("table", { name: "Containers" }).getByText("Stopped")).toBeVisible();
    await shot(page, "11-task-stopped");
    await page.goto(`/clusters/${CLUSTER}/tasks`);
    await page.getByLabel("Filter desired status").selectOption("STOPPED");
    await page.getByRole("table", { name: "Tasks" }).getByRole("button", { name: /Stopped/ }).first().click();
    await expect(page.getByRole("dialog", { name: "Stopped reason" })).toContainText("Task stopped by user");
    await shot(page, "12-stopped-reason");
    await page.keyboard.press("Escape");
  });

  await test.step("Delete cluster", async () => {
    await page.goto(`/clusters/${CLUSTER}/services`);
    await page.getByRole("button", { name: "Delete cluster" }).click();
    await page.getByRole("dialog").getByRole("textbox").fill(`delete ${CLUSTER}`);
    await shot(page, "13-delete-cluster");
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByText(`Cluster ${CLUSTER} has been deleted successfully.`)).toBeVisible({ timeout: 150_000 });
    const { clusters } = await ecs(page, "DescribeClusters", { clusters: [CLUSTER] });
    expect(clusters[0].status).toBe("INACTIVE");
    await shot(page, "14-cluster-deleted");
  });

  expect(errors).toEqual([]);
});
