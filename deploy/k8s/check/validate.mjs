// Validates Kubernetes objects against the API's OpenAPI schemas as kubernetes-models compiles
// them (the Kubernetes release: package.json beside this file). Reads a JSON array of
// {source, document} on stdin; writes a JSON array of {source, kind, name, errors} on stdout.
//
// The compiled validators check types, formats, enums and required fields, but like the OpenAPI
// spec they allow fields the schema does not name, while the API server drops (or, with
// strict field validation, rejects) them: a misspelled field would pass and be silently ignored.
// So each document is handed to its validator through a Proxy that records which fields the
// validator read. A validator reads every field its schema names, and enumerates the keys of
// maps (labels, data, resource lists); any other field it never looked at is unknown.

const MODELS = "kubernetes-models";

async function modelOf(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z]+$/.test(kind)) {
    return null;
  }
  // "apps/v1" -> kubernetes-models/apps/v1/Deployment; "v1" -> kubernetes-models/v1/Service
  try {
    const module = await import(`${MODELS}/${apiVersion}/${kind}`);
    return module[kind] ?? null;
  } catch {
    return null;
  }
}

function recorded(value, path, objects) {
  if (value === null || typeof value !== "object") {
    return value;
  }
  // Validators read a field more than once (present? then valid?): one record per object.
  let seen = objects.get(value);
  if (seen === undefined) {
    seen = { path, read: new Set(), enumerated: false, proxy: null };
    seen.proxy = new Proxy(value, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver);
        if (typeof key !== "string" || !Object.hasOwn(target, key)) {
          return child;
        }
        seen.read.add(key);
        return recorded(child, `${path}/${key}`, objects);
      },
      ownKeys(target) {
        seen.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    objects.set(value, seen);
  }
  return seen.proxy;
}

function unknownFields(objects) {
  const errors = [];
  for (const [value, { path, read, enumerated }] of objects) {
    if (enumerated || Array.isArray(value)) {
      continue;
    }
    for (const key of Object.keys(value)) {
      if (!read.has(key)) {
        errors.push(`${path}/${key}: unknown field`);
      }
    }
  }
  return errors;
}

async function check({ source, document }) {
  const { apiVersion, kind, metadata } = document ?? {};
  const result = { source, kind: kind ?? null, name: metadata?.name ?? null, errors: [] };
  const Model = await modelOf(apiVersion, kind);
  if (Model === null) {
    result.errors.push(`no schema for apiVersion ${apiVersion} kind ${kind}`);
    return result;
  }
  // The model copies the document; its validate() runs the compiled schema on `this`.
  const objects = new Map();
  try {
    Model.prototype.validate.call(recorded(new Model(document), "", objects));
  } catch (e) {
    result.errors.push(...e.message.split(", "));
  }
  result.errors.push(...unknownFields(objects));
  return result;
}

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const documents = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = [];
for (const document of documents) {
  results.push(await check(document));
}
process.stdout.write(JSON.stringify(results));
