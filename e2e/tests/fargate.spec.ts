/**
 * Fargate through the console, as a Fargate getting-started lab clicks it: a Fargate-only cluster, a
 * task definition from the wizard (AWS Fargate, awsvpc), **Run task** with the FARGATE launch type in
 * the default VPC's subnets with a public IP, the task RUNNING on its own address (opened from the
 * task page), then a service on the console's default compute (a FARGATE strategy), its tasks RUNNING,
 * its configuration, and an update of its networking. Screenshots land in
 * e2e/output/screenshots/fargate-NN-*.png, and what the console claims is checked against the APIs.
 */
import { expect, test, type Page } from "@playwright/test";
import { deleteClusterFromConsole, ecs, queryAction, screenshots } from "../support.ts";

const CLUSTER = `e2e-fargate-${Date.now().toString(36)}`;
const FAMILY = `fg-web-${Date.now().toString(36)}`;
const SERVICE = "fg-web";

const shot = screenshots("fargate-");

/** The default subnets as EC2 lists them (the console's default selection). */
async function defaultSubnets(page: Page): Promise<string[]> {
  const xml = await queryAction(page, "DescribeSubnets", "2016-11-15", { "Filter.1.Name": "default-for-az", "Filter.1.Value.1": "true" });
  return [...xml.matchAll(/<subnetId>(subnet-[0-9a-f]+)<\/subnetId>/g)].map((m) => m[1]!);
}

interface TaskView {
  taskArn: string;
  lastStatus: string;
  launchType: string;
  platformVersion?: string;
  capacityProviderName?: string;
  availabilityZone?: string;
  containerInstanceArn?: string;
  attachments: { type: string; details: { name: string; value: string }[] }[];
}

const detail = (t: TaskView, name: string) => t.attachments.find((a) => a.type === "ElasticNetworkInterface")?.details.find((d) => d.name === name)?.value;

test("Fargate from the console: a Fargate-only cluster runs a task and a service on their own addresses", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  let revision = 0;
  let taskId = "";
  const subnets = await defaultSubnets(page);
  expect(subnets.length).toBeGreaterThan(1);

  await test.step("Create cluster: AWS Fargate (serverless) only", async () => {
    await page.goto("/create-cluster");
    await page.getByLabel("Cluster name").fill(CLUSTER);
    await expect(page.getByLabel("AWS Fargate (serverless)")).toBeChecked();
    await expect(page.getByLabel("Amazon EC2 instances")).not.toBeChecked();
    await shot(page, "01-create-cluster");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText(`Cluster ${CLUSTER} has been created successfully.`)).toBeVisible({ timeout: 60_000 });
    const { clusters } = await ecs(page, "DescribeClusters", { clusters: [CLUSTER] });
    expect(clusters[0].capacityProviders).toEqual(["FARGATE", "FARGATE_SPOT"]);
    expect(clusters[0].registeredContainerInstancesCount).toBe(0);
  });

  await test.step("Create new task definition: AWS Fargate, awsvpc, the sample image", async () => {
    await page.goto("/task-definitions/create");
    await expect(page.getByRole("checkbox", { name: "AWS Fargate" })).toBeChecked();
    await expect(page.getByLabel("Network mode")).toHaveValue("awsvpc");
    await page.getByLabel("Task definition family").fill(FAMILY);
    const web = page.getByRole("region", { name: "Container – 1" });
    await web.getByLabel("Name", { exact: true }).fill("web");
    await web.getByLabel("Image URI").fill("stevedore/sample-web:latest");
    await expect(web.getByLabel("Port mapping 1 Container port")).toHaveValue("80");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    const heading = page.getByRole("heading", { level: 1, name: new RegExp(`^${FAMILY}:\\d+$`) });
    await expect(heading).toBeVisible();
    revision = Number((await heading.textContent())!.split(":")[1]);
    const { taskDefinition } = await ecs(page, "DescribeTaskDefinition", { taskDefinition: `${FAMILY}:${revision}` });
    expect(taskDefinition.compatibilities).toContain("FARGATE");
    expect(taskDefinition.networkMode).toBe("awsvpc");
    // The form named the account's ecsTaskExecutionRole: the console made it, as AWS's console does.
    expect(taskDefinition.executionRoleArn).toMatch(/:role\/ecsTaskExecutionRole$/);
    expect(await queryAction(page, "GetRole", "2010-05-08", { RoleName: "ecsTaskExecutionRole" })).toContain("ecs-tasks.amazonaws.com");
    expect(await queryAction(page, "ListAttachedRolePolicies", "2010-05-08", { RoleName: "ecsTaskExecutionRole" })).toContain("AmazonECSTaskExecutionRolePolicy");
  });

  await test.step("Deploy → Run task: the default compute, networking and placement of a Fargate cluster", async () => {
    await page.getByRole("button", { name: "Deploy" }).click();
    await page.getByRole("menuitem", { name: "Run task" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Run task" })).toBeVisible();
    await page.getByLabel("Existing cluster").selectOption(CLUSTER);
    // §5.1: no default strategy, the Fargate providers on the cluster → a custom strategy with FARGATE.
    await expect(page.getByRole("radio", { name: /^Capacity provider strategy/ })).toBeChecked();
    await expect(page.getByRole("radio", { name: /^Use cluster default/ })).toBeDisabled();
    await expect(page.getByRole("radio", { name: /^Use custom \(Advanced\)/ })).toBeChecked();
    await expect(page.getByLabel("Capacity provider strategy 1 Capacity provider")).toHaveValue("FARGATE");
    await expect(page.getByLabel("Capacity provider strategy 1 Base")).toHaveValue("0");
    await expect(page.getByLabel("Capacity provider strategy 1 Weight")).toHaveValue("1");
    await expect(page.getByLabel("Platform version")).toHaveValue("LATEST");
    const networking = page.getByRole("region", { name: "Networking" });
    await expect(networking.getByLabel("VPC")).toHaveValue(/^vpc-[0-9a-f]+$/);
    for (const subnet of subnets) await expect(networking.getByRole("checkbox", { name: subnet })).toBeChecked();
    await expect(networking.getByRole("checkbox", { name: "default" })).toBeChecked();
    await expect(networking.getByRole("switch", { name: "Public IP" })).toBeChecked();
    await expect(page.getByRole("region", { name: "Task Placement" })).toContainText("Not applicable");
    await shot(page, "02-run-task-defaults");
  });

  await test.step("Run task: the form's checks, then the server's error for EC2 on a cluster without instances", async () => {
    const networking = page.getByRole("region", { name: "Networking" });
    for (const subnet of subnets) await networking.getByRole("checkbox", { name: subnet }).uncheck();
    const weight = page.getByLabel("Capacity provider strategy 1 Weight");
    await weight.fill("0");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("At least one capacity provider in the strategy must have a weight greater than zero.")).toBeVisible();
    await expect(networking.getByText("Choose at least one subnet: tasks with the awsvpc network mode need one.")).toBeVisible();
    await shot(page, "03-run-task-invalid");
    await weight.fill("1");
    await networking.getByRole("checkbox", { name: subnets[1]! }).check();
    // The EC2 launch type: no public IP, and the cluster has no container instances to run on.
    await page.getByRole("radio", { name: /^Launch type/ }).check();
    await page.getByRole("combobox", { name: "Launch type" }).selectOption("EC2");
    await expect(networking.getByRole("switch", { name: "Public IP" })).toBeDisabled();
    await expect(page.getByLabel("Platform version")).toHaveCount(0);
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Unable to run task" })).toContainText("No Container Instances were found in your cluster.");
  });

  await test.step("Run task with the FARGATE launch type", async () => {
    await page.getByRole("combobox", { name: "Launch type" }).selectOption("FARGATE");
    await expect(page.getByLabel("Platform version")).toHaveValue("LATEST");
    await expect(page.getByRole("region", { name: "Networking" }).getByRole("switch", { name: "Public IP" })).toBeChecked();
    await shot(page, "04-run-task-fargate");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Tasks launched")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: `Cluster : ${CLUSTER}` })).toBeVisible();
    const tasks = page.getByRole("table", { name: "Tasks" });
    const row = tasks.getByRole("row").filter({ hasText: `${FAMILY}:${revision}` });
    await expect(row).toHaveCount(1);
    // Last status and Desired status both Running.
    await expect(row.getByText("Running", { exact: true })).toHaveCount(2, { timeout: 90_000 });
    await expect(row).toContainText("FARGATE");
    await expect(row).toContainText("1.4.0");
    for (const header of ["Launch type", "Platform version"]) {
      await expect(tasks.getByRole("columnheader", { name: header, exact: true })).toBeVisible();
    }
    // No container instance for a Fargate task, and no capacity provider for one run with a launch type.
    await expect(tasks.getByRole("columnheader", { name: "Container instance" })).toHaveCount(0);
    await expect(tasks.getByRole("columnheader", { name: "Capacity provider" })).toHaveCount(0);
    await shot(page, "05-tasks-running");
    taskId = (await row.getByRole("link", { name: /^[0-9a-f]{32}$/ }).textContent())!.trim();
  });

  await test.step("Task page: launch type, platform version, networking, and Open address", async () => {
    await page.getByRole("table", { name: "Tasks" }).getByRole("link", { name: taskId, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Task : ${taskId}` })).toBeVisible();
    const [task] = (await ecs<{ tasks: TaskView[] }>(page, "DescribeTasks", { cluster: CLUSTER, tasks: [taskId] })).tasks;
    expect(task!.lastStatus).toBe("RUNNING");
    expect(task!.launchType).toBe("FARGATE");
    expect(task!.platformVersion).toBe("1.4.0");
    expect(task!.containerInstanceArn).toBeUndefined();
    expect(detail(task!, "subnetId")).toBe(subnets[1]);
    const address = detail(task!, "privateIPv4Address")!;
    expect(address).toMatch(/^127\.\d+\.\d+\.\d+$/);

    const overview = page.getByRole("region", { name: "Task overview" });
    await expect(overview).toContainText(/Launch type\s*FARGATE/);
    await expect(overview).toContainText(/Platform version\s*1\.4\.0/);
    await expect(overview).toContainText(`Availability Zone${task!.availabilityZone}`);
    const networking = page.getByRole("region", { name: "Networking" });
    await expect(networking).toContainText(/ENI ID\s*eni-[0-9a-f]+/);
    await expect(networking).toContainText(`Subnet ID${subnets[1]}`);
    await expect(networking).toContainText(`Private IP${address}`);
    const open = networking.getByRole("link", { name: /Open address/ });
    await expect(open).toHaveAttribute("href", `http://${address}:80/`);
    const sample = await page.request.get((await open.getAttribute("href"))!);
    expect(await sample.text()).toContain(taskId);
    await shot(page, "06-task");
  });

  await test.step("Create service on the cluster's default compute: a FARGATE strategy", async () => {
    await page.goto(`/clusters/${CLUSTER}/services`);
    await page.getByRole("link", { name: "Create", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create service" })).toBeVisible();
    await expect(page.getByLabel("Existing cluster", { exact: true })).toHaveValue(CLUSTER);
    await expect(page.getByRole("button", { name: "Compute configuration (advanced)" })).toBeVisible();
    await expect(page.getByText("Capacity provider strategy: FARGATE", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Compute configuration (advanced)" }).click();
    await expect(page.getByLabel("Capacity provider strategy 1 Capacity provider")).toHaveValue("FARGATE");
    await page.getByLabel("Family", { exact: true }).selectOption(FAMILY);
    await page.getByLabel("Service name", { exact: true }).fill(SERVICE);
    await page.getByLabel("Desired tasks", { exact: true }).fill("2");
    const networking = page.getByRole("region", { name: "Networking" });
    for (const subnet of subnets) await expect(networking.getByRole("checkbox", { name: subnet })).toBeChecked();
    await expect(page.getByRole("region", { name: "Task placement" })).toContainText("Not applicable");
    await shot(page, "07-create-service");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Service : ${SERVICE}` })).toBeVisible();
    const { services } = await ecs(page, "DescribeServices", { cluster: CLUSTER, services: [SERVICE] });
    expect(services[0].launchType).toBeUndefined();
    expect(services[0].capacityProviderStrategy).toEqual([{ capacityProvider: "FARGATE", weight: 1, base: 0 }]);
    expect(services[0].platformVersion).toBe("1.4.0");
    expect(services[0].networkConfiguration.awsvpcConfiguration.subnets).toEqual(subnets);
    expect(services[0].networkConfiguration.awsvpcConfiguration.assignPublicIp).toBe("ENABLED");
    expect(services[0].placementStrategy ?? []).toEqual([]);
  });

  await test.step("The service's tasks RUNNING on FARGATE", async () => {
    await expect(page.getByText("2/2 tasks running").first()).toBeVisible({ timeout: 90_000 });
    await page.getByRole("tab", { name: "Tasks" }).click();
    const tasks = page.getByRole("table", { name: "Tasks" });
    const rows = tasks.getByRole("row").filter({ hasText: `${FAMILY}:${revision}` });
    await expect(rows).toHaveCount(2);
    for (const row of await rows.all()) {
      await expect(row.getByText("Running", { exact: true })).toHaveCount(2);
      // Launch type and capacity provider.
      await expect(row.getByText("FARGATE", { exact: true })).toHaveCount(2);
    }
    await expect(tasks.getByRole("columnheader", { name: "Capacity provider", exact: true })).toBeVisible();
    await shot(page, "08-service-tasks");
    const { taskArns } = await ecs(page, "ListTasks", { cluster: CLUSTER, serviceName: SERVICE });
    const described = (await ecs<{ tasks: TaskView[] }>(page, "DescribeTasks", { cluster: CLUSTER, tasks: taskArns })).tasks;
    expect(described.map((t) => [t.lastStatus, t.launchType, t.capacityProviderName])).toEqual([
      ["RUNNING", "FARGATE", "FARGATE"],
      ["RUNNING", "FARGATE", "FARGATE"],
    ]);
    // Two tasks, two subnets: one in each of two zones.
    expect(new Set(described.map((t) => t.availabilityZone)).size).toBe(2);
  });

  await test.step("Configuration and networking: compute and the awsvpc configuration", async () => {
    await page.getByRole("tab", { name: "Configuration and networking" }).click();
    const config = page.getByRole("region", { name: "Service configuration" });
    await expect(config).toContainText("FARGATE (base 0, weight 1)");
    await expect(config).toContainText(/Platform version\s*1\.4\.0/);
    const network = page.getByRole("region", { name: "Network configuration" });
    await expect(network).toContainText(/Network mode\s*awsvpc/);
    for (const subnet of subnets) await expect(network).toContainText(subnet);
    await expect(network).toContainText(/Security groups\s*sg-[0-9a-f]+/);
    await expect(network).toContainText(/Public IP\s*Turned on/);
    await shot(page, "09-service-configuration");
  });

  await test.step("Update service: compute read-only, networking editable", async () => {
    await page.getByRole("link", { name: "Update service" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Update service" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Compute configuration" })).toContainText("FARGATE (base 0, weight 1)");
    const networking = page.getByRole("region", { name: "Networking" });
    await networking.getByRole("checkbox", { name: subnets[0]! }).uncheck();
    await networking.getByRole("switch", { name: "Public IP" }).uncheck();
    await shot(page, "10-update-service");
    await page.getByRole("button", { name: "Update", exact: true }).click();
    await expect(page.getByText(`Service ${SERVICE} has been updated successfully.`)).toBeVisible();
    const { services } = await ecs(page, "DescribeServices", { cluster: CLUSTER, services: [SERVICE] });
    expect(services[0].networkConfiguration.awsvpcConfiguration.subnets).toEqual(subnets.slice(1));
    expect(services[0].networkConfiguration.awsvpcConfiguration.assignPublicIp).toBe("DISABLED");
  });

  await test.step("Stop the task, delete the service and the cluster", async () => {
    await ecs(page, "StopTask", { cluster: CLUSTER, task: taskId });
    await page.goto(`/clusters/${CLUSTER}/services`);
    await deleteClusterFromConsole(page, CLUSTER);
  });

  expect(errors).toEqual([]);
});
