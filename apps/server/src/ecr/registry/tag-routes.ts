/** The tags list: lexical order, `n` per page and `last` to start after, with a Link to the next page. */
import { listTags } from "../../store/ecr-images.ts";
import { repositoryRef, requireRepository, v2Path, type RegistryRequest } from "./context.ts";
import { RegistryError } from "./errors.ts";
import { sendJson } from "./http.ts";

export async function getTags(r: RegistryRequest, name: string): Promise<void> {
  const repo = await requireRepository(r, name);
  const n = r.query.get("n");
  const last = r.query.get("last");
  if (n !== null && !/^\d{1,6}$/.test(n)) throw new RegistryError(400, "PAGINATION_NUMBER_INVALID", "Invalid number of results requested");
  const all = await listTags(r.deps.db, repositoryRef(repo));
  const after = last === null ? all : all.filter((t) => t > last);
  const page = n === null ? after : after.slice(0, Number(n));
  const more = n !== null && Number(n) > 0 && after.length > page.length;
  const link: Record<string, string> = more ? { Link: `<${v2Path(r, repo.name, `tags/list?n=${n}&last=${page[page.length - 1]}`)}>; rel="next"` } : {};
  sendJson(r.req, r.res, 200, { name: `${r.pathPrefix}${repo.name}`, tags: page }, link);
}
