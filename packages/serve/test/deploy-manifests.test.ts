// The deployment files under deploy/: the Dockerfile's properties (no Docker engine here), the Kubernetes
// manifests against the Kubernetes schemas (kubernetes-models), the KServe InferenceService against the
// CRD's published schema, and their probes against the server's real routes.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { Copy, DockerfileParser } from "dockerfile-ast";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { Container, PersistentVolumeClaim, Service, Volume } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { fakeModel, start } from "./serve-fixtures.js";

const root = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML
type Manifest = Record<string, any>;
const yamlDocs = (file: string): Manifest[] => parseAllDocuments(read(file)).map((d) => d.toJS() as Manifest);
const MODELS: Record<string, (m: Manifest) => { validate(): void }> = {
  Deployment: (m) => new Deployment(m as never),
  Service: (m) => new Service(m as never),
  HorizontalPodAutoscaler: (m) => new HorizontalPodAutoscaler(m as never),
  Job: (m) => new Job(m as never),
  PersistentVolumeClaim: (m) => new PersistentVolumeClaim(m as never),
};
const K8S_FILES = [
  "deployment.yaml",
  "service.yaml",
  "hpa.yaml",
  "cache-pvc.yaml",
  "cache-fill-job.yaml",
].map((f) => `deploy/kubernetes/${f}`);
const byKind = (kind: string) => K8S_FILES.flatMap(yamlDocs).find((m) => m.kind === kind)!;

describe("deploy/Dockerfile", () => {
  const file = DockerfileParser.parse(read("deploy/Dockerfile"));
  const instructions = file.getInstructions();
  const froms = file.getFROMs();
  const finalStart = froms.at(-1)!.getRange().start.line;
  const final = instructions.filter((i) => i.getRange().start.line >= finalStart);
  const args = (keyword: string) =>
    final.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? "");

  it("is multi-stage: a named build stage whose deployed output the runtime stage copies", () => {
    expect(froms.map((f) => f.getBuildStage())).toEqual(["build", "runtime"]);
    const build = instructions
      .filter((i) => i.getRange().start.line < finalStart)
      .map((i) => i.getArgumentsContent());
    expect(build.join("\n")).toMatch(/pnpm install --frozen-lockfile/);
    expect(build.join("\n")).toMatch(/pnpm --filter @mobilenetv1\/cli deploy --prod \/out/);
    const copy = final.find((i): i is Copy => i instanceof Copy)!;
    expect(copy.getFromFlag()?.getValue()).toBe("build");
    expect(copy.getArgumentsContent()).toBe("/out /app");
  });

  it("runs as a non-root numeric user, with the HF cache as a volume, the port exposed and a health check", () => {
    const user = args("USER").at(-1)!;
    expect(user).toMatch(/^[1-9]\d*(:\d+)?$/);
    const env = args("ENV").join(" ");
    const hfHome = /HF_HOME=(\S+)/.exec(env)?.[1];
    const port = /MOBILENET_SERVE_PORT=(\d+)/.exec(env)?.[1];
    expect(hfHome).toBe("/data/hf");
    expect(env).toMatch(/MOBILENET_SERVE_HOST=0\.0\.0\.0/);
    expect(args("VOLUME").join(" ")).toContain(hfHome);
    expect(args("EXPOSE")).toEqual([port]);
    expect(args("HEALTHCHECK").join(" ")).toContain("/v2/health/ready");
    expect(args("STOPSIGNAL")).toEqual(["SIGTERM"]);
    expect(read("deploy/Dockerfile")).toContain("HF_HUB_OFFLINE=1");
    expect(read("deploy/Dockerfile.dockerignore")).toMatch(/^\*\*\/node_modules$/m);
  });

  it("its HEALTHCHECK command passes against a ready server and fails once it is gone", async () => {
    const command = JSON.parse(args("HEALTHCHECK")[0]!.replace(/^.*?CMD\s+/s, "")) as string[];
    const { server, url } = await start(fakeModel());
    const env = { ...process.env, MOBILENET_SERVE_PORT: new URL(url).port };
    const check = () =>
      new Promise<number | null>((resolve) =>
        spawn(command[0]!, command.slice(1), { env, stdio: "ignore" }).on("exit", resolve),
      );
    expect(await check()).toBe(0);
    await server.close();
    expect(await check()).toBe(1);
  });

  it("starts the real CLI entry point: the cli package's bin, deployed to /app", () => {
    const entry = JSON.parse(args("ENTRYPOINT")[0]!) as string[];
    const bin = JSON.parse(read("apps/cli/package.json")).bin.mobilenet as string;
    expect(entry).toEqual(["node", path.posix.join("/app", bin), "serve"]);
  });
});

describe("deploy/kubernetes", () => {
  it.each(K8S_FILES)("%s validates against the Kubernetes schemas", (file) => {
    for (const manifest of yamlDocs(file)) {
      const model = MODELS[manifest.kind];
      expect(model, `no validator for kind ${manifest.kind}`).toBeDefined();
      expect(() => model!(manifest).validate()).not.toThrow();
    }
  });

  it("the validation catches a broken manifest", () => {
    const broken = structuredClone(byKind("Deployment"));
    broken.spec.replicas = "two";
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it("wires the pieces together: labels, names, read-only offline cache, non-root", () => {
    const deployment = byKind("Deployment");
    const pod = deployment.spec.template;
    expect(byKind("Service").spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(pod.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(byKind("HorizontalPodAutoscaler").spec.scaleTargetRef).toMatchObject({
      kind: "Deployment",
      name: deployment.metadata.name,
    });
    const claim = byKind("PersistentVolumeClaim").metadata.name;
    const container = pod.spec.containers[0];
    const cacheVolume = pod.spec.volumes.find((v: Manifest) => v.persistentVolumeClaim?.claimName === claim);
    expect(cacheVolume.persistentVolumeClaim.readOnly).toBe(true);
    expect(container.volumeMounts.find((m: Manifest) => m.name === cacheVolume.name)).toMatchObject({
      mountPath: "/data/hf",
      readOnly: true,
    });
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: "HF_HUB_OFFLINE", value: "1" },
        { name: "HF_HOME", value: "/data/hf" },
      ]),
    );
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    const job = byKind("Job").spec.template.spec;
    expect(job.volumes.find((v: Manifest) => v.persistentVolumeClaim).persistentVolumeClaim.claimName).toBe(
      claim,
    );
    expect(job.containers[0].command.slice(0, 3)).toEqual(["node", "/app/dist/bin.js", "download"]);
  });

  it("probes routes the server answers 200 on", async () => {
    const container = byKind("Deployment").spec.template.spec.containers[0];
    const paths = ["startupProbe", "livenessProbe", "readinessProbe"].map(
      (p) => container[p].httpGet.path as string,
    );
    expect(new Set(paths)).toEqual(new Set(["/v2/health/live", "/v2/health/ready"]));
    const { server, url } = await start(fakeModel());
    try {
      for (const p of paths) expect((await fetch(url + p)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe("deploy/kserve", () => {
  const schema = JSON.parse(
    readFileSync(path.join(import.meta.dirname, "schemas/kserve-inferenceservice-v1beta1.json"), "utf8"),
  );
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const [isvc] = yamlDocs("deploy/kserve/inferenceservice.yaml");

  it("the InferenceService validates against KServe's published schema, its pod parts against Kubernetes'", () => {
    expect(validate(isvc), JSON.stringify(validate.errors)).toBe(true);
    const predictor = isvc!.spec.predictor;
    for (const c of predictor.containers) expect(() => new Container(c).validate()).not.toThrow();
    for (const v of predictor.volumes) expect(() => new Volume(v).validate()).not.toThrow();
    expect(predictor.containers[0].readinessProbe.httpGet.path).toBe("/v2/health/ready");
    expect(predictor.containers[0].ports[0].containerPort).toBe(8080);
  });

  it("the schema catches a misspelt or mistyped field", () => {
    const typo = structuredClone(isvc!);
    typo.spec.predictor.minReplica = 1;
    expect(validate(typo)).toBe(false);
    const mistyped = structuredClone(isvc!);
    mistyped.spec.predictor.maxReplicas = "8";
    expect(validate(mistyped)).toBe(false);
  });
});
