import { NavLink, Outlet } from "react-router";
import { Alert } from "../components/Alert.tsx";
import { regionName } from "../lib/format.ts";
import { useFlash } from "./flash.tsx";
import { REGION } from "./region.ts";

function TopBar() {
  return (
    <header className="sticky top-0 z-40 flex h-10 items-center gap-4 bg-aws-nav px-4 text-white">
      <a href="/clusters" className="flex items-center gap-2 font-bold text-white no-underline hover:text-white hover:no-underline">
        <span aria-hidden className="grid size-6 place-items-center rounded bg-[#ff9900] text-xs font-black text-aws-nav">
          S
        </span>
        Stevedore
      </a>
      <span className="text-[#8d99a8]" aria-hidden>
        |
      </span>
      <span className="text-sm text-[#d1d5db]">Amazon Elastic Container Service</span>
      <div className="ml-auto flex items-center gap-1 text-sm" aria-label="Region">
        <span className="font-bold">{regionName(REGION)}</span>
        <span className="text-[#8d99a8]">/</span>
        <span className="text-[#d1d5db]">{REGION}</span>
      </div>
    </header>
  );
}

const navLink = ({ isActive }: { isActive: boolean }) =>
  `block rounded px-2 py-1 no-underline hover:no-underline ${
    isActive ? "font-bold text-aws-blue" : "text-aws-label hover:text-aws-blue"
  }`;

function SideNav() {
  return (
    <nav aria-label="Amazon Elastic Container Service" className="w-60 shrink-0 border-r border-aws-border bg-white">
      <div className="border-b border-aws-border px-6 py-4">
        <a href="/clusters" className="text-lg font-bold leading-6 text-aws-text no-underline hover:text-aws-text hover:no-underline">
          Amazon Elastic Container Service
        </a>
      </div>
      <ul className="flex flex-col gap-1 px-4 py-4">
        <li>
          <NavLink to="/clusters" className={navLink}>
            Clusters
          </NavLink>
        </li>
        <li>
          <NavLink to="/task-definitions" className={navLink}>
            Task definitions
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}

function Flashbar() {
  const { flashes, dismiss } = useFlash();
  if (flashes.length === 0) return null;
  return (
    <div className="mb-4 flex flex-col gap-2" aria-label="Notifications">
      {flashes.map((f) => (
        <Alert key={f.id} flash type={f.type} header={f.header} onDismiss={() => dismiss(f.id)}>
          {f.content}
        </Alert>
      ))}
    </div>
  );
}

/** The AWS console frame: dark top bar, the service's left navigation, the flashbar and the page. */
export function Shell() {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        Skip to main content
      </a>
      <TopBar />
      <div className="flex flex-1">
        <SideNav />
        <main id="main" className="min-w-0 flex-1 px-6 py-5">
          <Flashbar />
          <Outlet />
        </main>
      </div>
    </div>
  );
}
