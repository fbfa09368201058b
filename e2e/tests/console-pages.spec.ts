/**
 * The console's own pages that run no containers: Account settings (and what a new cluster takes from
 * them), Update cluster, the sign-in page, the region in the top bar, dark mode and compact density,
 * and a Tasks tab paged by the API (nextToken) with its filter and sorting. A screenshot of each.
 */
import { expect, test } from "@playwright/test";
import { ecs, screenshots } from "../support.ts";

const shot = screenshots("console-");
const CLUSTER = "e2e-pages";

test("Account settings, Update cluster, sign-in, region, visual modes and a paged Tasks tab", async ({ page }) => {
  await test.step("Account settings: Container Insights with enhanced observability becomes the account's default", async () => {
    await page.goto("/clusters");
    await page.getByRole("link", { name: "Account settings" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Account settings" })).toBeVisible();
    await expect(page.getByText("CloudWatch Container Insights observability")).toBeVisible();
    await shot(page, "01-account-settings");
    await page.getByRole("link", { name: "Update" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Update account settings" })).toBeVisible();
    await page.getByRole("radio", { name: /^Container Insights with enhanced observability/ }).check();
    await shot(page, "02-account-settings-edit");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("dialog")).toContainText("CloudWatch Container Insights observability");
    await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("Account settings updated successfully.")).toBeVisible();
    await ecs(page, "CreateCluster", { clusterName: CLUSTER });
    const { clusters } = await ecs(page, "DescribeClusters", { clusters: [CLUSTER] });
    expect(clusters[0].settings).toEqual([{ name: "containerInsights", value: "enhanced" }]);
  });

  await test.step("Update cluster: Container Insights turned off", async () => {
    await page.goto(`/clusters/${CLUSTER}/services`);
    await page.getByRole("link", { name: "Update cluster" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Update cluster" })).toBeVisible();
    await page.getByRole("radio", { name: /^Turned off/ }).check();
    await page.getByLabel("Default namespace - optional").fill(CLUSTER);
    await shot(page, "03-update-cluster");
    await page.getByRole("button", { name: "Update", exact: true }).click();
    await expect(page.getByText(`Cluster ${CLUSTER} has been updated successfully.`)).toBeVisible();
    const { clusters } = await ecs(page, "DescribeClusters", { clusters: [CLUSTER] });
    expect(clusters[0].settings).toEqual([{ name: "containerInsights", value: "disabled" }]);
    expect(clusters[0].serviceConnectDefaults.namespace).toMatch(new RegExp(`namespace/${CLUSTER}$`));
  });

  await test.step("The cluster's Configuration and Tags tabs", async () => {
    await ecs(page, "TagResource", { resourceArn: (await ecs(page, "DescribeClusters", { clusters: [CLUSTER] })).clusters[0].clusterArn, tags: [{ key: "team", value: "e2e" }] });
    await page.goto(`/clusters/${CLUSTER}/services`);
    await page.getByRole("tab", { name: "Configuration" }).click();
    await expect(page.getByText("Service Connect default namespace")).toBeVisible();
    await shot(page, "04-cluster-configuration");
    await page.getByRole("tab", { name: "Tags" }).click();
    await expect(page.getByRole("table", { name: "Tags" }).getByText("team")).toBeVisible();
    await page.getByRole("button", { name: "Manage tags" }).click();
    await shot(page, "05-cluster-manage-tags");
    await page.getByRole("button", { name: "Cancel" }).click();
  });

  await test.step("The Tasks tab pages what ListTasks pages: 120 tasks, 100 at first, then the next page", async () => {
    await ecs(page, "RegisterTaskDefinition", { family: "e2e-pages", containerDefinitions: [{ name: "app", image: "stevedore/sample-web:latest", memory: 16 }] });
    for (let i = 0; i < 2; i++) {
      await ecs(page, "RegisterContainerInstance", {
        cluster: CLUSTER,
        instanceIdentityDocument: JSON.stringify({ instanceId: `i-e2epages${i}`, instanceType: "t3.medium", availabilityZone: "us-east-1a", privateIp: `127.51.200.${i + 1}` }),
        totalResources: [
          { name: "CPU", type: "INTEGER", integerValue: 2048 },
          { name: "MEMORY", type: "INTEGER", integerValue: 409600 },
        ],
      });
    }
    for (let i = 0; i < 12; i++) await ecs(page, "RunTask", { cluster: CLUSTER, taskDefinition: "e2e-pages", count: 10, launchType: "EC2" });
    await page.goto(`/clusters/${CLUSTER}/tasks`);
    const tasks = page.getByRole("table", { name: "Tasks" });
    await expect(tasks.getByRole("link", { name: /^[0-9a-f]{32}$/ })).toHaveCount(25);
    await expect(page.getByRole("heading", { name: "Tasks (100+)" })).toBeVisible();
    await shot(page, "06-tasks-paged");
    await page.getByRole("button", { name: "Page 4" }).click();
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page.getByRole("heading", { name: "Tasks (120)" })).toBeVisible();
    await page.getByRole("button", { name: "Page 5" }).click();
    await expect(tasks.getByRole("link", { name: /^[0-9a-f]{32}$/ })).toHaveCount(20);
    await page.getByLabel("Filter tasks").fill("no such task");
    await expect(tasks.getByText("No matches")).toBeVisible();
  });

  await test.step("The region in the top bar; dark mode and compact density", async () => {
    await page.goto("/clusters");
    await expect(page.getByRole("button", { name: /Region: .* \(us-east-1\)/ })).toBeVisible();
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Dark mode" }).click();
    await expect(page.locator("body")).toHaveClass(/awsui-dark-mode/);
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Compact density" }).click();
    await expect(page.locator("body")).toHaveClass(/awsui-compact-mode/);
    await shot(page, "07-dark-compact");
    await page.reload();
    await expect(page.locator("body")).toHaveClass(/awsui-dark-mode/);
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Dark mode" }).click();
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Compact density" }).click();
    await expect(page.locator("body")).not.toHaveClass(/awsui-dark-mode/);
  });

  await test.step("The sign-in page (shown by servers that verify signatures)", async () => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("Access key ID")).toBeVisible();
    await expect(page.getByLabel("Secret access key")).toBeVisible();
    await shot(page, "08-sign-in");
  });
});
