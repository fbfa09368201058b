import { createBrowserRouter, Navigate } from "react-router";
import { ClusterPage } from "../features/clusters/ClusterPage.tsx";
import { ClustersPage } from "../features/clusters/ClustersPage.tsx";
import { CreateClusterPage } from "../features/clusters/CreateClusterPage.tsx";
import { CreateServicePage } from "../features/services/CreateServicePage.tsx";
import { ServicePage } from "../features/services/ServicePage.tsx";
import { UpdateServicePage } from "../features/services/UpdateServicePage.tsx";
import { CreateTaskDefinitionJsonPage } from "../features/task-definitions/CreateTaskDefinitionJsonPage.tsx";
import { CreateTaskDefinitionPage } from "../features/task-definitions/form/CreateTaskDefinitionPage.tsx";
import { ContainerInstancePage } from "../features/infrastructure/ContainerInstancePage.tsx";
import { TaskDefinitionFamilyPage } from "../features/task-definitions/TaskDefinitionFamilyPage.tsx";
import { TaskDefinitionRevisionPage } from "../features/task-definitions/TaskDefinitionRevisionPage.tsx";
import { TaskDefinitionsPage } from "../features/task-definitions/TaskDefinitionsPage.tsx";
import { RunTaskPage } from "../features/tasks/RunTaskPage.tsx";
import { TaskPage } from "../features/tasks/TaskPage.tsx";
import { FlashProvider } from "./flash.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { Shell } from "./Shell.tsx";

/** Redirects /a/b to /a/b/<tab>, keeping the params. */
function ToTab({ tab }: { tab: string }) {
  return <Navigate to={tab} replace relative="path" />;
}

/**
 * The console's routes, as the real console's /ecs/v2/... paths but at the root of our origin.
 * A page keyed by its params remounts when they change, so no state leaks between clusters.
 */
export const router = createBrowserRouter([
  {
    element: (
      <FlashProvider>
        <Shell />
      </FlashProvider>
    ),
    children: [
      { index: true, element: <Navigate to="/clusters" replace /> },
      { path: "clusters", element: <ClustersPage /> },
      { path: "create-cluster", element: <CreateClusterPage /> },
      { path: "clusters/:cluster", element: <ToTab tab="services" /> },
      { path: "clusters/:cluster/services", element: <ClusterPage tab="services" /> },
      { path: "clusters/:cluster/tasks", element: <ClusterPage tab="tasks" /> },
      { path: "clusters/:cluster/infrastructure", element: <ClusterPage tab="infrastructure" /> },
      { path: "clusters/:cluster/infrastructure/container-instances/:id", element: <ContainerInstancePage /> },
      { path: "clusters/:cluster/run-task", element: <RunTaskPage /> },
      { path: "clusters/:cluster/tasks/:taskId", element: <ToTab tab="configuration" /> },
      { path: "clusters/:cluster/tasks/:taskId/configuration", element: <TaskPage /> },
      { path: "clusters/:cluster/tasks/:taskId/logs", element: <TaskPage tab="logs" /> },
      { path: "clusters/:cluster/create-service", element: <CreateServicePage /> },
      { path: "clusters/:cluster/services/:service", element: <ToTab tab="health" /> },
      { path: "clusters/:cluster/services/:service/health", element: <ServicePage tab="health" /> },
      { path: "clusters/:cluster/services/:service/tasks", element: <ServicePage tab="tasks" /> },
      { path: "clusters/:cluster/services/:service/logs", element: <ServicePage tab="logs" /> },
      { path: "clusters/:cluster/services/:service/deployments", element: <ServicePage tab="deployments" /> },
      { path: "clusters/:cluster/services/:service/events", element: <ServicePage tab="events" /> },
      { path: "clusters/:cluster/services/:service/configuration", element: <ServicePage tab="configuration" /> },
      { path: "clusters/:cluster/services/:service/update", element: <UpdateServicePage /> },
      { path: "task-definitions", element: <TaskDefinitionsPage /> },
      { path: "task-definitions/create", element: <CreateTaskDefinitionPage /> },
      { path: "task-definitions/create-json", element: <CreateTaskDefinitionJsonPage /> },
      { path: "task-definitions/:family", element: <TaskDefinitionFamilyPage /> },
      { path: "task-definitions/:family/run-task", element: <RunTaskPage /> },
      { path: "task-definitions/:family/create-service", element: <CreateServicePage /> },
      { path: "task-definitions/:family/:revision", element: <ToTab tab="containers" /> },
      { path: "task-definitions/:family/:revision/containers", element: <TaskDefinitionRevisionPage tab="containers" /> },
      { path: "task-definitions/:family/:revision/json", element: <TaskDefinitionRevisionPage tab="json" /> },
      { path: "task-definitions/:family/:revision/tasks", element: <TaskDefinitionRevisionPage tab="tasks" /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
