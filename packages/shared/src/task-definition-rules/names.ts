/** ECS's names (family, container, volume): up to 255 letters, numbers, hyphens and underscores. */
export const ECS_NAME = /^[a-zA-Z0-9_-]{1,255}$/;
