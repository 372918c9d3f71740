import { pack } from "tar-stream";

/**
 * A tar archive of files (path inside the container, without the leading slash → contents),
 * for Docker's put-archive (works with remote engines too). Keys (`*.key`, `*.pem`) are 0600.
 */
export async function filesTar(files: Record<string, string>): Promise<Buffer> {
  const archive = pack();
  for (const [path, contents] of Object.entries(files)) {
    archive.entry({ name: path.replace(/^\//, ""), mode: /\.(key|pem)$/.test(path) ? 0o600 : 0o644 }, contents);
  }
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
