import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { composeImage } from "../../harness/cli/commands/compose.js";
import { paths, projectRoot } from "../../harness/paths.js";
import { labels } from "../../harness/runtime/labels.js";
import { composeLabel, composeProject } from "../../harness/topology/compose-project.js";
import { loadBuiltin } from "./builtin.js";

const topologies = readdirSync(paths.topologies)
  .filter((file) => file.endsWith(".yaml"))
  .map((file) => file.replace(/\.yaml$/, ""));

describe("committed compose projects", () => {
  it.each(topologies)("compose/%s matches what 'receptor-lab compose' generates (run it after changing a topology)", async (name) => {
    const generated = composeProject(await loadBuiltin(name), composeImage(), projectRoot);
    const dir = join(paths.compose, name);
    for (const [file, contents] of Object.entries(generated)) {
      expect(existsSync(join(dir, file)), `${dir}/${file} is missing`).toBe(true);
      expect(readFileSync(join(dir, file), "utf8"), `${dir}/${file} drifted`).toBe(contents);
    }
    const onDisk = readdirSync(join(dir, "conf")).map((file) => `conf/${file}`);
    expect(onDisk.sort()).toEqual(Object.keys(generated).filter((file) => file.startsWith("conf/")).sort());
  });

  it("names containers, hostnames and aliases as the demos do, with an overridable image", async () => {
    const compose = parse(readFileSync(join(paths.compose, "redundant", "docker-compose.yml"), "utf8"));
    expect(Object.keys(compose.services)).toEqual(["node01", "node02", "node03", "node04"]);
    expect(compose.services.node04).toMatchObject({
      container_name: "node04",
      hostname: "node04.example.internal",
      image: "${RECEPTOR_IMAGE:-receptor-lab-node:1.6.5}",
      volumes: ["./conf/node04.yml:/etc/receptor/receptor.conf:ro"],
    });
    expect(compose.services.node04.networks.mesh.aliases).toEqual(["node04.example.internal"]);
  });
});

describe("compose export labels", () => {
  it("never carries the labs' run label, so prune and the test sweeps leave it alone", async () => {
    const generated = composeProject(await loadBuiltin("redundant"), composeImage(), projectRoot);
    const compose = parse(generated["docker-compose.yml"]!);
    for (const service of Object.values<{ labels: Record<string, string> }>(compose.services)) {
      expect(Object.keys(service.labels)).not.toContain(labels.run);
      expect(service.labels[composeLabel]).toBe("redundant");
    }
    expect(Object.keys(compose.networks.mesh.labels)).not.toContain(labels.run);
  });
});
