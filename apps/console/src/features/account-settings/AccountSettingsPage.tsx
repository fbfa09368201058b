/**
 * **Account settings** (/account-settings): the settings as they apply to the signed-in principal,
 * and **Update** to change them (/account-settings/edit), as the ECS console's navigation offers.
 */
import Box from "@cloudscape-design/components/box";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import { useQuery } from "@tanstack/react-query";
import { listEffectiveSettings } from "../../api/account-settings.ts";
import { Page } from "../../app/Page.tsx";
import { LoadError } from "../../components/Alert.tsx";
import { LinkButton } from "../../components/Button.tsx";
import { Container } from "../../components/Container.tsx";
import { SETTING_LABELS, settingValueText } from "./settings-words.ts";

export const ACCOUNT_SETTINGS_KEY = ["account-settings"] as const;

export function useAccountSettings() {
  return useQuery({ queryKey: ACCOUNT_SETTINGS_KEY, queryFn: ({ signal }) => listEffectiveSettings(signal) });
}

export function AccountSettingsPage() {
  const settings = useAccountSettings();
  const all = settings.data ?? [];
  const principal = all[0]?.principalArn;
  const item = (name: string) => {
    const s = all.find((x) => x.name === name);
    return {
      label: SETTING_LABELS[name] ?? name,
      value: s ? (
        <>
          {settingValueText(name, s.value)}
          <Box variant="small" color="text-body-secondary">
            {s.type === "aws_managed" ? "AWS default" : "Set for this account"}
          </Box>
        </>
      ) : (
        <StatusIndicator type="loading">Loading</StatusIndicator>
      ),
    };
  };
  return (
    <Page
      breadcrumbs={[{ text: "Account settings" }]}
      title="Account settings"
      description={principal ? `The settings below apply to ${principal}.` : "Settings that apply to the resources you create in this account."}
      actions={
        <LinkButton variant="primary" to="/account-settings/edit">
          Update
        </LinkButton>
      }
    >
      <LoadError error={settings.error} header="Failed to load account settings" />
      <Container title="Settings">
        <KeyValuePairs
          columns={2}
          items={["containerInsights", "awsvpcTrunking", "tagResourceAuthorization", "defaultLogDriverMode", "guardDutyActivate", "fargateTaskRetirementWaitPeriod"].map(item)}
        />
      </Container>
      <Container title="Amazon ECS ARN and resource ID settings" description="New resources get the long ARN format, with the cluster name in task and container instance ARNs.">
        <KeyValuePairs columns={3} items={["serviceLongArnFormat", "taskLongArnFormat", "containerInstanceLongArnFormat"].map(item)} />
      </Container>
    </Page>
  );
}
