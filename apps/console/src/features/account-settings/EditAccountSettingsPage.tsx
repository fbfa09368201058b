/** **Update account settings**: the fields the ECS console lets you change, saved after a confirmation. */
import Button from "@cloudscape-design/components/button";
import Checkbox from "@cloudscape-design/components/checkbox";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import RadioGroup from "@cloudscape-design/components/radio-group";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { putAccountSetting } from "../../api/account-settings.ts";
import { useFlash } from "../../app/flash.tsx";
import { Page } from "../../app/Page.tsx";
import { Alert } from "../../components/Alert.tsx";
import { Container } from "../../components/Container.tsx";
import { Modal } from "../../components/Modal.tsx";
import { ACCOUNT_SETTINGS_KEY, useAccountSettings } from "./AccountSettingsPage.tsx";
import { INSIGHTS_CHOICES, SETTING_LABELS, settingValueText } from "./settings-words.ts";

type Values = Record<"containerInsights" | "awsvpcTrunking" | "tagResourceAuthorization" | "defaultLogDriverMode", string>;

export function EditAccountSettingsPage() {
  const settings = useAccountSettings();
  const [values, setValues] = useState<Values | null>(null);
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const flash = useFlash();
  const client = useQueryClient();
  const current = (name: keyof Values) => settings.data?.find((s) => s.name === name)?.value ?? "";

  useEffect(() => {
    if (settings.data && !values) {
      setValues({
        containerInsights: current("containerInsights"),
        awsvpcTrunking: current("awsvpcTrunking"),
        tagResourceAuthorization: current("tagResourceAuthorization"),
        defaultLogDriverMode: current("defaultLogDriverMode"),
      });
    }
  });
  const changed = values ? (Object.keys(values) as (keyof Values)[]).filter((k) => values[k] !== current(k)) : [];
  const save = useMutation({
    mutationFn: async () => {
      for (const name of changed) await putAccountSetting(name, values![name]);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ACCOUNT_SETTINGS_KEY });
      flash.push({ type: "success", header: "Account settings updated successfully.", path: "/account-settings" });
      void navigate("/account-settings");
    },
  });
  const set = (patch: Partial<Values>) => setValues((v) => (v ? { ...v, ...patch } : v));

  return (
    <Page breadcrumbs={[{ text: "Account settings", href: "/account-settings" }, { text: "Update" }]} title="Update account settings">
      {values && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setConfirming(true);
          }}
        >
          <Form
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button variant="link" formAction="none" onClick={() => void navigate("/account-settings")}>
                  Cancel
                </Button>
                <Button variant="primary" disabled={changed.length === 0}>
                  Save changes
                </Button>
              </SpaceBetween>
            }
          >
            <SpaceBetween size="l">
              <Container title="CloudWatch Container Insights observability" description="The default for clusters you create without a Container Insights setting.">
                <RadioGroup
                  ariaLabel={SETTING_LABELS.containerInsights}
                  value={values.containerInsights}
                  onChange={({ detail }) => set({ containerInsights: detail.value })}
                  items={INSIGHTS_CHOICES}
                />
              </Container>
              <Container title="AWSVPC Trunking" description="Container instances of supported types get more network interfaces for awsvpc tasks.">
                <Checkbox checked={values.awsvpcTrunking === "enabled"} onChange={({ detail }) => set({ awsvpcTrunking: detail.checked ? "enabled" : "disabled" })}>
                  AWSVPC Trunking
                </Checkbox>
              </Container>
              <Container title="Resource Tagging Authorization" description="Creating a resource with tags also requires permission to tag it.">
                <Checkbox
                  checked={values.tagResourceAuthorization === "on"}
                  onChange={({ detail }) => set({ tagResourceAuthorization: detail.checked ? "on" : "off" })}
                >
                  Resource Tagging Authorization
                </Checkbox>
              </Container>
              <Container title="Default log driver mode" description="How containers' log output is delivered when the log driver cannot keep up.">
                <FormField label="Default log driver mode">
                  <RadioGroup
                    value={values.defaultLogDriverMode}
                    onChange={({ detail }) => set({ defaultLogDriverMode: detail.value })}
                    items={[
                      { value: "blocking", label: "Blocking", description: "The container waits until its logs are delivered." },
                      { value: "non-blocking", label: "Non-blocking", description: "Logs are buffered; when the buffer is full, new lines are dropped." },
                    ]}
                  />
                </FormField>
              </Container>
            </SpaceBetween>
          </Form>
        </form>
      )}
      {confirming && values && (
        <Modal
          title="Confirm account settings changes"
          onDismiss={() => setConfirming(false)}
          footer={
            <>
              <Button variant="link" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button variant="primary" loading={save.isPending} onClick={() => save.mutate()}>
                Confirm
              </Button>
            </>
          }
        >
          <ul>
            {changed.map((name) => (
              <li key={name}>
                <b>{SETTING_LABELS[name]}</b>: {settingValueText(name, current(name))} → {settingValueText(name, values[name])}
              </li>
            ))}
          </ul>
          {save.error && <Alert type="error">{save.error.message}</Alert>}
        </Modal>
      )}
    </Page>
  );
}
