/** Every AWS service this server speaks on POST /: the one list the API and its fuzz test share. */
import type { AwsService } from "./aws/service.ts";
import { autoScalingService } from "./autoscaling/service.ts";
import { ec2Service } from "./ec2/service.ts";
import { ecsService } from "./ecs/service.ts";
import { logsService } from "./logs/service.ts";
import { cloudWatchService } from "./metrics/service.ts";
import { stsService } from "./sts/service.ts";
import { iamService } from "./iam/service.ts";
import { ssmService } from "./ssm/service.ts";
import { ecrService } from "./ecr/service.ts";
import { ecrPublicService } from "./ecr/public/service.ts";
import { elbService } from "./elb/service.ts";

export const API_SERVICES: readonly AwsService[] = [ecsService, logsService, autoScalingService, ec2Service, cloudWatchService, stsService, iamService, ssmService, ecrService, ecrPublicService, elbService];
