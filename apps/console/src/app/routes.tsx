import type { ComponentType } from "react";
import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { FlashProvider } from "./flash.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { queryClient } from "./query-client.ts";
import { Shell } from "./Shell.tsx";

/** Redirects /a/b to /a/b/<tab>, keeping the params. */
function ToTab({ tab }: { tab: string }) {
  return <Navigate to={tab} replace relative="path" />;
}

/**
 * A route whose page is its own chunk, loaded when the route is visited (the first page loads only
 * the frame and its own code). `pick` names the page's component in its module, `props` its fixed props.
 */
function page<M>(
  path: string,
  load: () => Promise<M>,
  pick: (m: M) => ComponentType<any>,
  props: Record<string, unknown> = {},
  prefetch?: (params: Record<string, string | undefined>) => void,
): RouteObject {
  return {
    path,
    // The loader runs alongside the chunk's download: the page's first API call need not wait for it.
    ...(prefetch ? { loader: ({ params }) => (prefetch(params), null) } : {}),
    lazy: async () => {
      const Component = pick(await load());
      return { Component: () => <Component {...props} /> };
    },
  };
}

const clusters = () => import("../features/clusters/ClustersPage.tsx");
const cluster = () => import("../features/clusters/ClusterPage.tsx");
const createCluster = () => import("../features/clusters/CreateClusterPage.tsx");
const instance = () => import("../features/infrastructure/ContainerInstancePage.tsx");
const runTask = () => import("../features/tasks/RunTaskPage.tsx");
const task = () => import("../features/tasks/TaskPage.tsx");
const createService = () => import("../features/services/CreateServicePage.tsx");
const service = () => import("../features/services/ServicePage.tsx");
const updateService = () => import("../features/services/UpdateServicePage.tsx");
const taskDefinitions = () => import("../features/task-definitions/TaskDefinitionsPage.tsx");
const createTaskDefinition = () => import("../features/task-definitions/form/CreateTaskDefinitionPage.tsx");
const createTaskDefinitionJson = () => import("../features/task-definitions/CreateTaskDefinitionJsonPage.tsx");
const family = () => import("../features/task-definitions/TaskDefinitionFamilyPage.tsx");
const revision = () => import("../features/task-definitions/TaskDefinitionRevisionPage.tsx");
const signIn = () => import("../features/sign-in/SignInPage.tsx");
const updateCluster = () => import("../features/clusters/UpdateClusterPage.tsx");
const accountSettings = () => import("../features/account-settings/AccountSettingsPage.tsx");
const editAccountSettings = () => import("../features/account-settings/EditAccountSettingsPage.tsx");

/**
 * The console's routes, as the real console's /ecs/v2/... paths but at the root of our origin.
 * A page keyed by its params remounts when they change, so no state leaks between clusters.
 */
export const router = createBrowserRouter([
  page("sign-in", signIn, (m) => m.SignInPage),
  {
    element: (
      <FlashProvider>
        <Shell />
      </FlashProvider>
    ),
    children: [
      { index: true, element: <Navigate to="/clusters" replace /> },
      page("clusters", clusters, (m) => m.ClustersPage),
      page("create-cluster", createCluster, (m) => m.CreateClusterPage),
      { path: "clusters/:cluster", element: <ToTab tab="services" /> },
      page(
        "clusters/:cluster/services",
        () => Promise.all([cluster(), import("../features/clusters/ServicesTab.tsx")]),
        ([c, t]) => () => <c.ClusterPage tab="services" content={() => <t.ServicesTab />} />,
      ),
      page(
        "clusters/:cluster/tasks",
        () => Promise.all([cluster(), import("../features/tasks/TasksTab.tsx")]),
        ([c, t]) => () => <c.ClusterPage tab="tasks" content={(name) => <t.TasksTab cluster={name} />} />,
        {},
        ({ cluster }) => void import("../features/tasks/queries.ts").then((m) => m.prefetchClusterTasks(queryClient, cluster!)),
      ),
      page(
        "clusters/:cluster/infrastructure",
        () => Promise.all([cluster(), import("../features/infrastructure/InfrastructureTab.tsx")]),
        ([c, t]) => () => <c.ClusterPage tab="infrastructure" content={(name, data) => <t.InfrastructureTab name={name} cluster={data} />} />,
        {},
        ({ cluster }) => void import("../features/infrastructure/queries.ts").then((m) => m.prefetchContainerInstances(queryClient, cluster!)),
      ),
      page("clusters/:cluster/infrastructure/container-instances/:id", instance, (m) => m.ContainerInstancePage),
      page(
        "clusters/:cluster/configuration",
        () => Promise.all([cluster(), import("../features/clusters/ClusterDetailsTabs.tsx")]),
        ([c, t]) => () => <c.ClusterPage tab="configuration" content={(name) => <t.ClusterConfigurationTab name={name} />} />,
      ),
      page(
        "clusters/:cluster/tags",
        () => Promise.all([cluster(), import("../features/clusters/ClusterDetailsTabs.tsx")]),
        ([c, t]) => () => <c.ClusterPage tab="tags" content={(name) => <t.ClusterTagsTab name={name} />} />,
      ),
      page("clusters/:cluster/create-capacity-provider", () => import("../features/infrastructure/CreateCapacityProviderPage.tsx"), (m) => m.CreateCapacityProviderPage),
      page("clusters/:cluster/update", updateCluster, (m) => m.UpdateClusterPage),
      page("clusters/:cluster/run-task", runTask, (m) => m.RunTaskPage),
      { path: "clusters/:cluster/tasks/:taskId", element: <ToTab tab="configuration" /> },
      page("clusters/:cluster/tasks/:taskId/configuration", task, (m) => m.TaskPage),
      page("clusters/:cluster/tasks/:taskId/logs", task, (m) => m.TaskPage, { tab: "logs" }),
      page("clusters/:cluster/create-service", createService, (m) => m.CreateServicePage),
      { path: "clusters/:cluster/services/:service", element: <ToTab tab="health" /> },
      ...["health", "tasks", "logs", "deployments", "events", "configuration"].map((tab) =>
        page(`clusters/:cluster/services/:service/${tab}`, service, (m) => m.ServicePage, { tab }),
      ),
      page("clusters/:cluster/services/:service/update", updateService, (m) => m.UpdateServicePage),
      page("task-definitions", taskDefinitions, (m) => m.TaskDefinitionsPage),
      page("task-definitions/create", createTaskDefinition, (m) => m.CreateTaskDefinitionPage),
      page("task-definitions/create-json", createTaskDefinitionJson, (m) => m.CreateTaskDefinitionJsonPage),
      page("task-definitions/:family", family, (m) => m.TaskDefinitionFamilyPage),
      page("task-definitions/:family/run-task", runTask, (m) => m.RunTaskPage),
      page("task-definitions/:family/create-service", createService, (m) => m.CreateServicePage),
      { path: "task-definitions/:family/:revision", element: <ToTab tab="containers" /> },
      ...["containers", "json", "tasks"].map((tab) => page(`task-definitions/:family/:revision/${tab}`, revision, (m) => m.TaskDefinitionRevisionPage, { tab })),
      page("account-settings", accountSettings, (m) => m.AccountSettingsPage),
      page("account-settings/edit", editAccountSettings, (m) => m.EditAccountSettingsPage),
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
