import { pack } from "tar-stream";

/** A tar archive holding one file, for Docker's put-archive (works with remote engines too). */
export async function singleFileTar(path: string, contents: string, mode = 0o644): Promise<Buffer> {
  const archive = pack();
  archive.entry({ name: path, mode }, contents);
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
