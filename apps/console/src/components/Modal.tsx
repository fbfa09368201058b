import CloudscapeModal from "@cloudscape-design/components/modal";
import Box from "@cloudscape-design/components/box";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { ReactNode } from "react";

/** Cloudscape's Modal, shown while mounted, its footer's buttons on the right. */
export function Modal({ title, children, footer, onDismiss }: { title: string; children: ReactNode; footer?: ReactNode; onDismiss: () => void }) {
  return (
    <CloudscapeModal
      visible
      header={title}
      closeAriaLabel="Close modal"
      onDismiss={onDismiss}
      footer={
        footer && (
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              {footer}
            </SpaceBetween>
          </Box>
        )
      }
    >
      <SpaceBetween size="m">{children}</SpaceBetween>
    </CloudscapeModal>
  );
}
