/**
 * The task definition wizard, as a user fills it: a two-container definition for EC2 in bridge mode,
 * a trip to the JSON view and back (with an edit there, of a field the form shows and one it does not),
 * registration, then **Create new revision** from it. Each step leaves a screenshot in
 * e2e/output/screenshots/td-wizard-*.png, and what DescribeTaskDefinition returns is compared with
 * what was entered (ECS adds its defaults, such as container cpu 0 and empty lists, next to it).
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { screenshots } from "../support.ts";
import { E2E_ACCOUNT } from "../global-setup.ts";

const FAMILY = `td-wizard-${Date.now().toString(36)}`;

/** Fields DescribeTaskDefinition adds to what was registered. */
const READ_ONLY = ["taskDefinitionArn", "revision", "status", "compatibilities", "requiresAttributes", "registeredAt", "registeredBy", "deregisteredAt"];

const shot = screenshots("td-wizard-");

type Definition = Record<string, unknown> & { containerDefinitions: Record<string, unknown>[] };

/** What was registered as revision `revision` of the family, with its tags, as a RegisterTaskDefinition body. */
async function registered(page: Page, revision: number): Promise<Record<string, unknown>> {
  const res = await page.request.post("/", {
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition" },
    data: JSON.stringify({ taskDefinition: `${FAMILY}:${revision}`, include: ["TAGS"] }),
  });
  expect(res.ok()).toBeTruthy();
  const { taskDefinition, tags } = (await res.json()) as { taskDefinition: Record<string, unknown>; tags: unknown[] };
  return { ...Object.fromEntries(Object.entries(taskDefinition).filter(([key]) => !READ_ONLY.includes(key))), tags };
}

/** Opens an optional section of a container and returns its content. */
async function expand(container: Locator, title: string): Promise<Locator> {
  const button = container.getByRole("button", { name: title });
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  return container.getByRole("group", { name: title });
}

test("a two-container task definition from the wizard, through JSON and back, then a new revision", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  let region = "";

  /** What the form should send: every value below is entered in the steps that follow. */
  const entered = (): Definition => ({
    family: FAMILY,
    requiresCompatibilities: ["EC2"],
    runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
    networkMode: "bridge",
    cpu: "512",
    memory: "1024",
    // The console fills in the account's task execution role, as AWS's does.
    executionRoleArn: `arn:aws:iam::${E2E_ACCOUNT}:role/ecsTaskExecutionRole`,
    containerDefinitions: [
      {
        name: "web",
        image: "stevedore/sample-web:latest",
        essential: true,
        portMappings: [{ containerPort: 80, protocol: "tcp" }],
        memory: 256,
        environment: [{ name: "GREETING", value: "hello, world" }],
        logConfiguration: {
          logDriver: "awslogs",
          options: { "awslogs-group": `/ecs/${FAMILY}`, "awslogs-region": region, "awslogs-stream-prefix": "ecs", "awslogs-create-group": "true" },
        },
        healthCheck: { command: ["CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"], interval: 10, retries: 2 },
      },
      {
        name: "worker",
        image: "stevedore/sample-web:latest",
        essential: false,
        memoryReservation: 128,
        dependsOn: [{ containerName: "web", condition: "START" }],
        command: ["sh", "-c", "sleep 3600"],
        mountPoints: [{ sourceVolume: "shared", containerPath: "/shared", readOnly: true }],
      },
    ],
    volumes: [{ name: "shared", dockerVolumeConfiguration: { driver: "local", scope: "task" } }],
    tags: [{ key: "team", value: "wizard" }],
  });
  let expected: Definition = { containerDefinitions: [] };

  const container = (n: number) => page.getByRole("region", { name: `Container – ${n}` });

  await test.step("Task definitions → Create new task definition", async () => {
    await page.goto("/task-definitions");
    region = (await page.locator('meta[name="aws-region"]').getAttribute("content")) || "us-east-1";
    await page.getByRole("button", { name: "Create new task definition" }).click();
    await page.getByRole("menuitem", { name: "Create new task definition", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create new task definition" })).toBeVisible();
    // The console's defaults: AWS Fargate, awsvpc, 1 vCPU and 3 GB, port 80 over TCP.
    await expect(page.getByRole("checkbox", { name: "AWS Fargate" })).toBeChecked();
    await expect(page.getByLabel("Network mode")).toHaveValue("awsvpc");
    await expect(page.getByRole("region", { name: "Infrastructure requirements" }).getByLabel("CPU", { exact: true })).toHaveValue("1024");
    await expect(page.getByRole("region", { name: "Infrastructure requirements" }).getByLabel("Memory", { exact: true })).toHaveValue("3072");
    await expect(container(1).getByLabel("Port mapping 1 Container port")).toHaveValue("80");
    await shot(page, "01-form");
  });

  await test.step("Create with nothing filled in: the errors show next to the fields", async () => {
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The task definition is not valid." })).toContainText(
      "family: Task definition family is required.",
    );
    await expect(page.getByLabel("Task definition family")).toHaveAttribute("aria-invalid", "true");
    await expect(container(1).getByText("Container name is required.")).toBeVisible();
    await shot(page, "02-validation");
  });

  await test.step("Task definition configuration and Infrastructure requirements", async () => {
    await page.getByLabel("Task definition family").fill(FAMILY);
    await page.getByRole("checkbox", { name: "Amazon EC2 instances" }).check();
    await page.getByRole("checkbox", { name: "AWS Fargate" }).uncheck();
    await page.getByLabel("Network mode").selectOption("bridge");
    const infrastructure = page.getByRole("region", { name: "Infrastructure requirements" });
    await infrastructure.getByLabel("CPU", { exact: true }).fill("512");
    await infrastructure.getByLabel("Memory", { exact: true }).fill("1024");
    await expect(infrastructure.getByText("512 units (0.5 vCPU)")).toBeVisible();
    await shot(page, "03-infrastructure");
  });

  await test.step("Container – 1: web", async () => {
    const web = container(1);
    await web.getByLabel("Name", { exact: true }).fill("web");
    await web.getByLabel("Image URI").fill("stevedore/sample-web:latest");
    await expect(web.getByLabel("Port mapping 1 Host port")).toHaveValue("");
    await web.getByLabel("Memory hard limit").fill("0.25");
    const env = await expand(web, "Environment variables - optional");
    await env.getByRole("button", { name: "Add environment variable" }).click();
    await env.getByLabel("Environment variable 1 Key").fill("GREETING");
    await env.getByLabel("Environment variable 1 Value", { exact: true }).fill("hello, world");
    const health = await expand(web, "HealthCheck - optional");
    await health.getByLabel("Command").fill("CMD-SHELL,wget -q -O- http://localhost/ || exit 1");
    await health.getByLabel("Interval").fill("10");
    await health.getByLabel("Retries").fill("2");
    await expect(web.getByLabel("Log option 1 Value")).toHaveValue(`/ecs/${FAMILY}`);
    await shot(page, "04-container-1");
  });

  await test.step("Add more containers → Container – 2: worker", async () => {
    await page.getByRole("button", { name: "Add more containers" }).click();
    const worker = container(2);
    await worker.getByLabel("Name", { exact: true }).fill("worker");
    await worker.getByLabel("Image URI").fill("stevedore/sample-web:latest");
    await worker.getByLabel("Essential container").selectOption("no");
    await worker.getByRole("button", { name: "Remove port mapping 1" }).click();
    await worker.getByLabel("Memory soft limit").fill("0.125");
    await worker.getByRole("checkbox", { name: "Use log collection" }).uncheck();
    const startup = await expand(worker, "Startup dependency ordering - optional");
    await startup.getByRole("button", { name: "Add container dependency" }).click();
    await expect(startup.getByLabel("Container dependency 1 Container")).toHaveValue("web");
    await expect(startup.getByLabel("Container dependency 1 Condition")).toHaveValue("START");
    const docker = await expand(worker, "Docker configuration - optional");
    await docker.getByLabel("Command").fill("sh,-c,sleep 3600");
    await shot(page, "05-container-2");
  });

  await test.step("Storage and Tags", async () => {
    const storage = page.getByRole("region", { name: "Storage - optional" });
    await storage.getByRole("button", { name: "Add volume", exact: true }).click();
    await storage.getByLabel("Volume 1 Volume name").fill("shared");
    await storage.getByLabel("Volume 1 Volume type").selectOption("docker");
    await storage.getByLabel("Volume 1 Driver").fill("local");
    await storage.getByRole("button", { name: "Add mount point" }).click();
    await storage.getByLabel("Mount point 1 Container", { exact: true }).selectOption({ label: "worker" });
    await expect(storage.getByLabel("Mount point 1 Source volume")).toHaveValue("shared");
    await storage.getByLabel("Mount point 1 Container path").fill("/shared");
    await storage.getByLabel("Mount point 1 Read only").check();
    const tags = page.getByRole("region", { name: "Tags - optional" });
    await tags.getByRole("button", { name: "Add tag" }).click();
    await tags.getByLabel("Tag 1 Key").fill("team");
    await tags.getByLabel("Tag 1 Value - optional").fill("wizard");
    await shot(page, "06-storage-tags");
  });

  await test.step("JSON: the same definition; edit a field the form shows and one it does not", async () => {
    await page.getByRole("tab", { name: "JSON" }).click();
    const json = page.getByLabel("Task definition JSON");
    expect(JSON.parse(await json.inputValue())).toEqual(entered());
    expected = entered();
    expected.containerDefinitions[0] = { ...expected.containerDefinitions[0], stopTimeout: 20 };
    expected.containerDefinitions[1] = { ...expected.containerDefinitions[1], user: "nobody" };
    await json.fill(JSON.stringify(expected, null, 2));
    await shot(page, "07-json");
  });

  await test.step("Back to the form: every value survived, the JSON edit too", async () => {
    await page.getByRole("tab", { name: "Form" }).click();
    await expect(page.getByLabel("Task definition family")).toHaveValue(FAMILY);
    await expect(page.getByRole("checkbox", { name: "Amazon EC2 instances" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "AWS Fargate" })).not.toBeChecked();
    await expect(page.getByLabel("Network mode")).toHaveValue("bridge");
    const web = container(1);
    const worker = container(2);
    await expect(web.getByLabel("Name", { exact: true })).toHaveValue("web");
    await expect(web.getByLabel("Memory hard limit")).toHaveValue("0.25");
    await expect((await expand(web, "Environment variables - optional")).getByLabel("Environment variable 1 Value", { exact: true })).toHaveValue(
      "hello, world",
    );
    await expect((await expand(web, "HealthCheck - optional")).getByLabel("Interval")).toHaveValue("10");
    await expect((await expand(web, "Container timeouts - optional")).getByLabel("Stop timeout")).toHaveValue("20");
    await expect(worker.getByLabel("Name", { exact: true })).toHaveValue("worker");
    await expect(worker.getByLabel("Essential container")).toHaveValue("no");
    await expect(worker.getByLabel("Memory soft limit")).toHaveValue("0.125");
    await expect(worker.getByRole("checkbox", { name: "Use log collection" })).not.toBeChecked();
    await expect((await expand(worker, "Docker configuration - optional")).getByLabel("Command")).toHaveValue("sh,-c,sleep 3600");
    const storage = page.getByRole("region", { name: "Storage - optional" });
    await expect(storage.getByLabel("Mount point 1 Container path")).toHaveValue("/shared");
    await expect(storage.getByLabel("Mount point 1 Read only")).toBeChecked();
    await expect(page.getByRole("region", { name: "Tags - optional" }).getByLabel("Tag 1 Key")).toHaveValue("team");
    await shot(page, "08-back-to-form");
  });

  await test.step("Create: RegisterTaskDefinition stores what was entered", async () => {
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Task definition successfully created")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: `${FAMILY}:1` })).toBeVisible();
    expect(await registered(page, 1)).toMatchObject(expected);
    await shot(page, "09-registered");
  });

  await test.step("Create new revision: the form prefilled, family fixed, Update", async () => {
    await page.getByRole("button", { name: "Create new revision" }).click();
    await page.getByRole("menuitem", { name: "Create new revision", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create new revision" })).toBeVisible();
    await expect(page.getByLabel("Task definition family")).toHaveValue(FAMILY);
    await expect(page.getByLabel("Task definition family")).toBeDisabled();
    await expect(container(2).getByLabel("Name", { exact: true })).toHaveValue("worker");
    await container(1).getByLabel("Memory hard limit").fill("0.5");
    await shot(page, "10-new-revision");
    await page.getByRole("button", { name: "Update", exact: true }).click();
    await expect(page.getByText("Task definition successfully created")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: `${FAMILY}:2` })).toBeVisible();
    const web = { ...expected.containerDefinitions[0], memory: 512 };
    expect(await registered(page, 2)).toMatchObject({ ...expected, containerDefinitions: [web, expected.containerDefinitions[1]] });
    await shot(page, "11-revision-2");
  });

  await test.step("The revision's Tasks tab", async () => {
    await page.getByRole("tab", { name: "Tasks" }).click();
    await expect(page.getByRole("table", { name: "Tasks" })).toContainText("No task uses this revision.");
    await shot(page, "12-revision-tasks");
  });

  await test.step("Deregister both revisions", async () => {
    for (const revision of [1, 2]) {
      const res = await page.request.post("/", {
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonEC2ContainerServiceV20141113.DeregisterTaskDefinition" },
        data: JSON.stringify({ taskDefinition: `${FAMILY}:${revision}` }),
      });
      expect(res.ok()).toBeTruthy();
    }
  });

  expect(errors).toEqual([]);
});
