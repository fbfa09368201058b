/** What the specs share: screenshots of the pages they visit, and the AWS APIs to check what the console claims. */
import { expect, type Page } from "@playwright/test";
import { OUTPUT_DIR } from "./playwright.config.ts";

/** A spec's screenshot taker: full pages, saved as e2e/output/screenshots/<prefix><name>.png. */
export const screenshots =
  (prefix = "") =>
  async (page: Page, name: string): Promise<void> => {
    await page.screenshot({ path: `${OUTPUT_DIR}screenshots/${prefix}${name}.png`, fullPage: true });
  };

/** An ECS action (JSON 1.1); fails the test when it answers an error. */
export async function ecs<T = any>(page: Page, action: string, body: unknown): Promise<T> {
  const res = await page.request.post("/", {
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AmazonEC2ContainerServiceV20141113.${action}` },
    data: JSON.stringify(body),
  });
  expect(res.ok(), `${action} answered ${res.status()}: ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

/** A Query protocol action (Auto Scaling 2011-01-01, EC2 2016-11-15); the XML answer as text. */
export async function queryAction(page: Page, action: string, version: string, params: Record<string, string>): Promise<string> {
  const res = await page.request.post("/", {
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    data: new URLSearchParams({ Action: action, Version: version, ...params }).toString(),
  });
  const text = await res.text();
  expect(res.ok(), `${action} answered ${res.status()}: ${text}`).toBeTruthy();
  return text;
}

/** **Delete cluster** from the open cluster page, confirmed by typing, then checked: the cluster is INACTIVE. */
export async function deleteClusterFromConsole(page: Page, cluster: string, timeout = 150_000): Promise<void> {
  await page.getByRole("button", { name: "Delete cluster" }).click();
  await page.getByRole("dialog").getByRole("textbox").fill(`delete ${cluster}`);
  await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByText(`Cluster ${cluster} has been deleted successfully.`)).toBeVisible({ timeout });
  const { clusters } = await ecs(page, "DescribeClusters", { clusters: [cluster] });
  expect(clusters[0].status).toBe("INACTIVE");
}
