/**
 * Sign in with an access key pair, for servers that verify signatures (several accounts, or
 * STEVEDORE_REQUIRE_SIGNATURES): the keys go to the server's session route once; its cookie then
 * authenticates the console's calls.
 */
import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { signIn } from "../../api/session.ts";
import { SESSION_KEY } from "../../app/session.ts";

export function SignInPage() {
  const [accessKeyId, setAccessKeyId] = useState("");
  const [secretAccessKey, setSecretAccessKey] = useState("");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const next = params.get("next")?.startsWith("/") ? params.get("next")! : "/clusters";
  const submit = useMutation({
    mutationFn: () => signIn(accessKeyId.trim(), secretAccessKey),
    onSuccess: (state) => {
      client.setQueryData(SESSION_KEY, state);
      void navigate(next, { replace: true });
    },
  });
  useEffect(() => {
    document.title = "Sign in | Stevedore";
  }, []);
  return (
    <div style={{ maxWidth: 480, margin: "64px auto", padding: "0 16px" }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate();
        }}
      >
        <Form
          header={
            <Header variant="h1" description="This Stevedore server verifies the signature of every call. Sign in with an access key of your account.">
              Sign in
            </Header>
          }
          actions={
            <Button variant="primary" formAction="submit" loading={submit.isPending} disabled={!accessKeyId || !secretAccessKey}>
              Sign in
            </Button>
          }
          errorText={submit.error?.message}
        >
          <Container>
            <SpaceBetween size="l">
              <FormField label="Access key ID">
                <Input value={accessKeyId} onChange={({ detail }) => setAccessKeyId(detail.value)} autoComplete="username" autoFocus />
              </FormField>
              <FormField label="Secret access key">
                <Input type="password" value={secretAccessKey} onChange={({ detail }) => setSecretAccessKey(detail.value)} autoComplete="current-password" />
              </FormField>
              <Alert type="info">
                The secret access key is sent once to this server, which keeps your session in an HttpOnly cookie; the page stores no key.
              </Alert>
              <Box variant="small">The operator's keys file (STEVEDORE_KEYS_FILE) lists the accounts and their access keys.</Box>
            </SpaceBetween>
          </Container>
        </Form>
      </form>
    </div>
  );
}
