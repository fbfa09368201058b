/**
 * EC2 capacity through the console: a cluster with two instances in two Availability Zones, the Auto
 * Scaling group's desired capacity raised to 3 (the third instance registers), an instance drained, a
 * custom attribute added on the instance page, a task run with the Custom placement template and a
 * memberOf expression (the matching instances shown before submitting), an instance terminated with
 * "decrement desired capacity", and the cluster deleted. Screenshots land in
 * e2e/output/screenshots/infra-NN-*.png; what the console claims is checked against the APIs.
 */
import { expect, test, type Page } from "@playwright/test";
import { deleteClusterFromConsole, ecs, queryAction, screenshots } from "../support.ts";

const SUFFIX = Date.now().toString(36);
const CLUSTER = `e2e-infra-${SUFFIX}`;
const FAMILY = `e2e-infra-web-${SUFFIX}`;
const ATTRIBUTE = { name: "stack", value: `blue-${SUFFIX}` };

const shot = screenshots("infra-");

/** An Auto Scaling Query action; the XML answer as text. */
const autoScaling = (page: Page, action: string, params: Record<string, string>) => queryAction(page, action, "2011-01-01", params);

const xmlValue = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];

interface Instance {
  containerInstanceArn: string;
  ec2InstanceId: string;
  status: string;
  attributes: { name: string; value?: string }[];
}

async function instances(page: Page): Promise<Instance[]> {
  const { containerInstanceArns } = await ecs<{ containerInstanceArns: string[] }>(page, "ListContainerInstances", { cluster: CLUSTER });
  if (containerInstanceArns.length === 0) return [];
  const { containerInstances } = await ecs<{ containerInstances: Instance[] }>(page, "DescribeContainerInstances", {
    cluster: CLUSTER,
    containerInstances: containerInstanceArns,
  });
  return containerInstances;
}

const zoneOf = (i: Instance) => i.attributes.find((a) => a.name === "ecs.availability-zone")?.value;
const idOf = (arn: string) => arn.split("/").pop()!;

test("EC2 capacity: scale, drain, attributes, memberOf placement, terminate", async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  await test.step("a task definition to run", async () => {
    await ecs(page, "RegisterTaskDefinition", {
      family: FAMILY,
      networkMode: "bridge",
      requiresCompatibilities: ["EC2"],
      containerDefinitions: [
        { name: "web", image: "stevedore/sample-web:latest", cpu: 128, memory: 64, essential: true, portMappings: [{ containerPort: 80, hostPort: 0 }] },
      ],
    });
  });

  await test.step("Create cluster with 2 instances in two Availability Zones", async () => {
    await page.goto("/create-cluster");
    await expect(page.getByRole("heading", { level: 1, name: "Create cluster" })).toBeVisible();
    await page.getByLabel("Cluster name").fill(CLUSTER);
    await page.getByLabel("Amazon EC2 instances").check();
    await page.getByLabel("EC2 instance type").selectOption("t3.small");
    await page.getByLabel("Minimum", { exact: true }).fill("1");
    await page.getByLabel("Maximum", { exact: true }).fill("4");
    await page.getByLabel("Desired capacity", { exact: true }).fill("2");
    const zones = page.getByRole("list", { name: "Selected Availability Zones" });
    await page.getByRole("button", { name: "Remove us-east-1c" }).click();
    await expect(zones.getByRole("listitem")).toHaveText([/us-east-1a/, /us-east-1b/]);
    await shot(page, "01-create-cluster");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText(`Cluster ${CLUSTER} has been created successfully.`)).toBeVisible({ timeout: 60_000 });
  });

  const table = page.getByRole("table", { name: "Container instances" });
  let asgName = "";
  await test.step("Infrastructure: both instances register, one a zone", async () => {
    await page.goto(`/clusters/${CLUSTER}/infrastructure`);
    await expect(page.getByRole("heading", { level: 1, name: `Cluster : ${CLUSTER}` })).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: "t3.small" })).toHaveCount(2, { timeout: 60_000 });
    await expect(table.getByText(/^127\.\d+\.\d+\.\d+$/)).toHaveCount(2);
    const listed = await instances(page);
    expect(listed.map(zoneOf).sort()).toEqual(["us-east-1a", "us-east-1b"]);
    const heading = page.getByRole("heading", { name: /^Auto Scaling group: / });
    await expect(heading).toBeVisible();
    asgName = (await heading.textContent())!.replace("Auto Scaling group: ", "").trim();
    await expect(page.getByRole("table", { name: `Scaling activities of ${asgName}` }).getByText(/Launching a new EC2 instance/)).toHaveCount(2);
    await shot(page, "02-infrastructure");
  });

  await test.step("Edit the group: desired capacity 3, and the third instance registers", async () => {
    await page.getByRole("button", { name: `Edit Auto Scaling group ${asgName}` }).click();
    const dialog = page.getByRole("dialog", { name: "Edit Auto Scaling group" });
    await dialog.getByLabel("Desired capacity").fill("3");
    await shot(page, "03-edit-desired-capacity");
    await dialog.getByRole("button", { name: "Update" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Auto Scaling group ${asgName} updated`)).toBeVisible();
    const xml = await autoScaling(page, "DescribeAutoScalingGroups", { "AutoScalingGroupNames.member.1": asgName });
    expect(xmlValue(xml, "DesiredCapacity")).toBe("3");
    await expect(table.getByRole("row").filter({ hasText: "t3.small" })).toHaveCount(3, { timeout: 60_000 });
    await expect(page.getByRole("table", { name: `Scaling activities of ${asgName}` }).getByText(/Launching a new EC2 instance/)).toHaveCount(3);
    await expect.poll(async () => (await instances(page)).length).toBe(3);
    await shot(page, "04-three-instances");
  });

  const all = await instances(page);
  const [drained, labelled, spare] = all.sort((a, b) => (zoneOf(a)! < zoneOf(b)! ? -1 : 1));
  await test.step("Drain an instance from the Actions menu", async () => {
    await table.getByRole("checkbox", { name: `Select container instance ${idOf(drained!.containerInstanceArn)}` }).check();
    await page.getByRole("button", { name: "Actions" }).click();
    await shot(page, "05-actions-menu");
    await page.getByRole("menuitem", { name: "Drain" }).click();
    await expect(page.getByText("1 container instance set to DRAINING")).toBeVisible();
    const { containerInstances } = await ecs<{ containerInstances: Instance[] }>(page, "DescribeContainerInstances", {
      cluster: CLUSTER,
      containerInstances: [drained!.containerInstanceArn],
    });
    expect(containerInstances[0]!.status).toBe("DRAINING");
    await expect(table.getByRole("row").filter({ hasText: idOf(drained!.containerInstanceArn) })).toContainText("Draining");
    await shot(page, "06-drained");
  });

  await test.step("Instance page: add a custom attribute", async () => {
    const id = idOf(labelled!.containerInstanceArn);
    await table.getByRole("link", { name: id }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Container Instance : ${id}` })).toBeVisible();
    await expect(page.getByRole("table", { name: "Built-in attributes" }).getByRole("row").filter({ hasText: "ecs.availability-zone" })).toContainText(
      zoneOf(labelled!)!,
    );
    const attributes = page.getByRole("table", { name: "Custom attributes" });
    await page.getByLabel("Attribute name").fill(ATTRIBUTE.name);
    await page.getByLabel("Attribute value").fill(ATTRIBUTE.value);
    await page.getByRole("button", { name: "Add attribute" }).click();
    await expect(attributes.getByRole("row").filter({ hasText: ATTRIBUTE.value })).toContainText(ATTRIBUTE.name);
    await expect(page.getByLabel("Attribute name")).toHaveValue("");
    const listed = await ecs<{ attributes: { name: string; value?: string; targetId: string }[] }>(page, "ListAttributes", {
      cluster: CLUSTER,
      targetType: "container-instance",
      attributeName: ATTRIBUTE.name,
    });
    expect(listed.attributes).toEqual([
      expect.objectContaining({ name: ATTRIBUTE.name, value: ATTRIBUTE.value, targetId: labelled!.containerInstanceArn }),
    ]);
    await shot(page, "07-instance-page");
  });

  let taskArn = "";
  await test.step("Run task with the Custom template and a memberOf expression", async () => {
    await page.goto(`/clusters/${CLUSTER}/run-task`);
    await expect(page.getByRole("heading", { level: 1, name: "Run task" })).toBeVisible();
    await page.getByLabel("Family").selectOption(FAMILY);
    await expect(page.getByRole("radio", { name: /AZ Balanced Spread/ })).toBeChecked();
    await page.getByRole("radio", { name: /^Custom/ }).check();
    await expect(page.getByRole("group", { name: "Strategy 1" }).getByLabel("Field")).toHaveValue("attribute:ecs.availability-zone");
    await page.getByRole("button", { name: "Add constraint" }).click();
    const constraint = page.getByRole("group", { name: "Constraint 1" });
    const expression = constraint.getByLabel("Expression");
    // A malformed expression: the server's message shows as it is typed.
    await expression.fill(`attribute:${ATTRIBUTE.name} ==`);
    await expect(constraint.getByText(/Invalid expression at position \d+/)).toBeVisible();
    await expect(expression).toHaveAttribute("aria-invalid", "true");
    await shot(page, "08-run-task-invalid-expression");
    await expression.fill(`attribute:${ATTRIBUTE.name} == ${ATTRIBUTE.value}`);
    await expect(constraint.getByText("Valid expression. It matches 1 container instance now.")).toBeVisible();
    const matched = constraint.getByRole("table", { name: /^Instances matching/ });
    await expect(matched.getByRole("row")).toHaveCount(2);
    await expect(matched).toContainText(labelled!.ec2InstanceId);
    await expect(matched).toContainText(zoneOf(labelled!)!);
    await shot(page, "09-run-task-custom-placement");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Tasks launched")).toBeVisible();
    const { taskArns } = await ecs<{ taskArns: string[] }>(page, "ListTasks", { cluster: CLUSTER, family: FAMILY });
    expect(taskArns).toHaveLength(1);
    taskArn = taskArns[0]!;
    const { tasks } = await ecs(page, "DescribeTasks", { cluster: CLUSTER, tasks: [taskArn] });
    expect(tasks[0].containerInstanceArn).toBe(labelled!.containerInstanceArn);
  });

  await test.step("The instance page lists the task", async () => {
    await page.goto(`/clusters/${CLUSTER}/infrastructure/container-instances/${idOf(labelled!.containerInstanceArn)}`);
    await expect(page.getByRole("table", { name: "Tasks" }).getByRole("link", { name: idOf(taskArn) })).toBeVisible();
    await shot(page, "10-instance-tasks");
  });

  await test.step("Terminate an instance, decrementing the desired capacity", async () => {
    await page.goto(`/clusters/${CLUSTER}/infrastructure`);
    await table.getByRole("checkbox", { name: `Select container instance ${idOf(spare!.containerInstanceArn)}` }).check();
    await page.getByRole("button", { name: "Actions" }).click();
    await page.getByRole("menuitem", { name: "Terminate instance" }).click();
    const dialog = page.getByRole("dialog", { name: "Terminate instance" });
    await expect(dialog).toContainText(spare!.ec2InstanceId);
    await dialog.getByLabel("Decrement desired capacity").check();
    await shot(page, "11-terminate");
    await dialog.getByRole("button", { name: "Terminate", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Terminating EC2 instance: ${spare!.ec2InstanceId}`).first()).toBeVisible();
    const xml = await autoScaling(page, "DescribeAutoScalingGroups", { "AutoScalingGroupNames.member.1": asgName });
    expect(xmlValue(xml, "DesiredCapacity")).toBe("2");
    await expect.poll(async () => (await instances(page)).map((i) => i.ec2InstanceId).sort(), { timeout: 60_000 }).toEqual(
      [drained!.ec2InstanceId, labelled!.ec2InstanceId].sort(),
    );
    await expect(table.getByRole("row").filter({ hasText: "t3.small" })).toHaveCount(2);
    await shot(page, "12-terminated");
  });

  await test.step("Delete cluster", async () => {
    await deleteClusterFromConsole(page, CLUSTER, 120_000);
  });

  expect(errors).toEqual([]);
});
