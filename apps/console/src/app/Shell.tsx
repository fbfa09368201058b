/**
 * The AWS console frame on Cloudscape: the top navigation (service name, region, settings, account),
 * the service's side navigation, breadcrumbs and the flashbar, around the page of the route.
 */
import AppLayout from "@cloudscape-design/components/app-layout";
import BreadcrumbGroup from "@cloudscape-design/components/breadcrumb-group";
import type { FlashbarProps } from "@cloudscape-design/components/flashbar";
import SideNavigation from "@cloudscape-design/components/side-navigation";
import Spinner from "@cloudscape-design/components/spinner";
import TopNavigation from "@cloudscape-design/components/top-navigation";
import { lazy, Suspense, useState } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { regionName } from "../lib/format.ts";
import { useBreadcrumbs } from "./breadcrumbs.tsx";
import { useSession, useSessionQuery, useSignOut } from "./session.ts";
import { useFlash } from "./flash.tsx";
import { followWith } from "./navigation.ts";
import { useVisualPreferences } from "./preferences.ts";
import { ACCOUNT_ID, REGION } from "./region.ts";

const SERVICE = "Amazon Elastic Container Service";

/** The flashbar's code loads with the first flash (most first pages have none). */
const Flashbar = lazy(() => import("@cloudscape-design/components/flashbar"));

function TopBar() {
  const navigate = useNavigate();
  const [prefs, setPrefs] = useVisualPreferences();
  const session = useSession();
  const signOut = useSignOut();
  return (
    <div id="top-nav" style={{ position: "sticky", top: 0, zIndex: 1002 }}>
      <TopNavigation
        identity={{ href: "/clusters", title: `Stevedore · ${SERVICE}`, onFollow: (e) => followWith(navigate)({ ...e, detail: { href: "/clusters" } }) }}
        i18nStrings={{ overflowMenuTriggerText: "More", overflowMenuTitleText: "All" }}
        utilities={[
          {
            type: "menu-dropdown",
            text: `${regionName(REGION)}`,
            description: REGION,
            ariaLabel: `Region: ${regionName(REGION)} (${REGION})`,
            title: "Region",
            items: [{ id: REGION, text: `${regionName(REGION)} ${REGION}`, checked: true, itemType: "checkbox" }],
          },
          {
            type: "menu-dropdown",
            iconName: "settings",
            ariaLabel: "Settings",
            title: "Visual mode and density",
            items: [
              { id: "dark", text: "Dark mode", itemType: "checkbox", checked: prefs.dark },
              { id: "compact", text: "Compact density", itemType: "checkbox", checked: prefs.compact },
            ],
            onItemClick: ({ detail }) => {
              if (detail.id === "dark") setPrefs({ dark: !prefs.dark });
              if (detail.id === "compact") setPrefs({ compact: !prefs.compact });
            },
          },
          {
            type: "menu-dropdown",
            text: session?.principalArn?.split(/[:/]/).pop() ?? `Account ${ACCOUNT_ID}`,
            description: `Account ID: ${session?.accountId ?? ACCOUNT_ID}`,
            iconName: "user-profile",
            items: session ? [{ id: "sign-out", text: "Sign out" }] : [{ id: "account", text: `Account ID: ${ACCOUNT_ID}`, disabled: true }],
            onItemClick: ({ detail }) => {
              if (detail.id === "sign-out") void signOut();
            },
          },
        ]}
      />
    </div>
  );
}

function Notifications() {
  const { flashes, dismiss } = useFlash();
  const items: FlashbarProps.MessageDefinition[] = flashes.map((f) => ({
    id: f.id,
    type: f.type === "in-progress" ? "info" : f.type,
    loading: f.type === "in-progress",
    header: f.header,
    content: f.content,
    dismissible: true,
    dismissLabel: "Dismiss",
    onDismiss: () => dismiss(f.id),
  }));
  if (items.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <Flashbar items={items} />
    </Suspense>
  );
}

export function Shell() {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const session = useSessionQuery();
  const [navigationOpen, setNavigationOpen] = useState(true);
  const crumbs = useBreadcrumbs();
  const active = `/${pathname.split("/")[1] ?? ""}`;
  // A server that verifies signatures answers the console only once the user has signed in.
  if (session.data?.mode === "signed" && !session.data.signedIn) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(pathname + search)}`} replace />;
  }
  return (
    <>
      <TopBar />
      <AppLayout
        headerSelector="#top-nav"
        toolsHide
        navigationOpen={navigationOpen}
        onNavigationChange={({ detail }) => setNavigationOpen(detail.open)}
        ariaLabels={{ navigation: SERVICE, navigationClose: "Close navigation", navigationToggle: "Open navigation" }}
        navigation={
          <SideNavigation
            header={{ href: "/clusters", text: SERVICE }}
            activeHref={active === "/create-cluster" ? "/clusters" : active}
            onFollow={followWith(navigate)}
            items={[
              { type: "link", text: "Clusters", href: "/clusters" },
              { type: "link", text: "Task definitions", href: "/task-definitions" },
              { type: "link", text: "Account settings", href: "/account-settings" },
            ]}
          />
        }
        breadcrumbs={
          <BreadcrumbGroup
            ariaLabel="Breadcrumbs"
            expandAriaLabel="Show path"
            onFollow={followWith(navigate)}
            items={[{ text: SERVICE, href: "/clusters" }, ...crumbs].map((c) => ({ text: c.text, href: c.href ?? "#" }))}
          />
        }
        notifications={<Notifications />}
        content={
          <Suspense fallback={<Spinner size="large" />}>
            <Outlet />
          </Suspense>
        }
      />
    </>
  );
}
