/** The ECS API: X-Amz-Target AmazonEC2ContainerServiceV20141113.<Action> → one function each. */
import { model } from "@stevedore/shared/aws/models/ecs.model";
import type { Operations } from "@stevedore/shared/aws/models/ecs";
import { defineService, type InputTypedHandlerOf } from "../aws/service.ts";
import { deleteAttributes, listAttributes, putAttributes } from "./actions/attributes.ts";
import { submitContainerStateChange, submitTaskStateChange } from "./actions/agent-actions.ts";
import { deleteAccountSetting, listAccountSettings, putAccountSetting, putAccountSettingDefault } from "./actions/account-settings.ts";
import { createCapacityProvider, deleteCapacityProvider, describeCapacityProviders, putClusterCapacityProviders, updateCapacityProvider } from "./actions/capacity-providers.ts";
import { createCluster, deleteCluster, describeClusters, listClusters, updateCluster, updateClusterSettings } from "./actions/clusters.ts";
import {
  deregisterContainerInstance,
  describeContainerInstances,
  listContainerInstances,
  registerContainerInstance,
  updateContainerInstancesState,
} from "./actions/container-instances.ts";
import {
  deleteTaskDefinitions,
  deregisterTaskDefinition,
  describeTaskDefinition,
  listTaskDefinitionFamilies,
  listTaskDefinitions,
  registerTaskDefinition,
} from "./actions/task-definitions.ts";
import { describeTasks, listTasks, runTask, stopTask } from "./actions/tasks.ts";
import { serviceActions } from "../services/actions.ts";
import { listTagsForResource, tagResource, untagResource } from "./actions/tags.ts";

export type EcsAction<K extends keyof Operations> = InputTypedHandlerOf<Operations, K>;

export const ecsService = defineService<Operations>({
  name: "ecs",
  model,
  protocol: "json",
  invalidInput: "InvalidParameterException",
  handlers: {
    CreateCluster: createCluster,
    DescribeClusters: describeClusters,
    ListClusters: listClusters,
    DeleteCluster: deleteCluster,
    UpdateCluster: updateCluster,
    UpdateClusterSettings: updateClusterSettings,
    PutAccountSetting: putAccountSetting,
    PutAccountSettingDefault: putAccountSettingDefault,
    DeleteAccountSetting: deleteAccountSetting,
    ListAccountSettings: listAccountSettings,
    RegisterTaskDefinition: registerTaskDefinition,
    DescribeTaskDefinition: describeTaskDefinition,
    ListTaskDefinitions: listTaskDefinitions,
    ListTaskDefinitionFamilies: listTaskDefinitionFamilies,
    DeregisterTaskDefinition: deregisterTaskDefinition,
    DeleteTaskDefinitions: deleteTaskDefinitions,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
    RunTask: runTask,
    StopTask: stopTask,
    DescribeTasks: describeTasks,
    ListTasks: listTasks,
    RegisterContainerInstance: registerContainerInstance,
    ListContainerInstances: listContainerInstances,
    DescribeContainerInstances: describeContainerInstances,
    DeregisterContainerInstance: deregisterContainerInstance,
    UpdateContainerInstancesState: updateContainerInstancesState,
    SubmitTaskStateChange: submitTaskStateChange,
    SubmitContainerStateChange: submitContainerStateChange,
    PutAttributes: putAttributes,
    ListAttributes: listAttributes,
    DeleteAttributes: deleteAttributes,
    CreateCapacityProvider: createCapacityProvider,
    DescribeCapacityProviders: describeCapacityProviders,
    DeleteCapacityProvider: deleteCapacityProvider,
    PutClusterCapacityProviders: putClusterCapacityProviders,
    UpdateCapacityProvider: updateCapacityProvider,
    ...serviceActions,
  },
});
