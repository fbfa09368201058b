import { createBrowserRouter, Navigate } from "react-router";
import { ClusterPage } from "../features/clusters/ClusterPage.tsx";
import { ClustersPage } from "../features/clusters/ClustersPage.tsx";
import { CreateClusterPage } from "../features/clusters/CreateClusterPage.tsx";
import { CreateTaskDefinitionJsonPage } from "../features/task-definitions/CreateTaskDefinitionJsonPage.tsx";
import { CreateTaskDefinitionPage } from "../features/task-definitions/form/CreateTaskDefinitionPage.tsx";
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
      { path: "clusters/:cluster/run-task", element: <RunTaskPage /> },
      { path: "clusters/:cluster/tasks/:taskId", element: <ToTab tab="configuration" /> },
      { path: "clusters/:cluster/tasks/:taskId/configuration", element: <TaskPage /> },
      { path: "task-definitions", element: <TaskDefinitionsPage /> },
      { path: "task-definitions/create", element: <CreateTaskDefinitionPage /> },
      { path: "task-definitions/create-json", element: <CreateTaskDefinitionJsonPage /> },
      { path: "task-definitions/:family", element: <TaskDefinitionFamilyPage /> },
      { path: "task-definitions/:family/run-task", element: <RunTaskPage /> },
      { path: "task-definitions/:family/:revision", element: <ToTab tab="containers" /> },
      { path: "task-definitions/:family/:revision/containers", element: <TaskDefinitionRevisionPage tab="containers" /> },
      { path: "task-definitions/:family/:revision/json", element: <TaskDefinitionRevisionPage tab="json" /> },
      { path: "task-definitions/:family/:revision/tasks", element: <TaskDefinitionRevisionPage tab="tasks" /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
