//! openapi.yaml read as JSON, and its schemas as validators.

use jsonschema::{Draft, Validator};
use serde_json::{Value, json};

/// openapi.yaml, parsed (YAML 1.2) into JSON values.
pub fn spec() -> Value {
    serde_norway::from_str(include_str!("../../openapi.yaml")).expect("openapi.yaml parses")
}

/// A validator for `schema` (a fragment of the spec, `$ref`s into `#/components/...`
/// resolved against the spec's components). Formats (`date`, `date-time`) are checked.
pub fn validator(spec: &Value, schema: &Value) -> Validator {
    let mut root = schema.clone();
    if let Value::Object(map) = &mut root {
        map.insert("components".into(), spec["components"].clone());
    }
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("schema {schema}: {e}"))
}

/// The validator of a named component schema.
pub fn component(spec: &Value, name: &str) -> Validator {
    assert!(
        spec["components"]["schemas"].get(name).is_some(),
        "no schema {name}"
    );
    validator(
        spec,
        &json!({"$ref": format!("#/components/schemas/{name}")}),
    )
}

/// The JSON schema of an operation's answer with `status` (or its `default` answer).
pub fn response_schema(spec: &Value, method: &str, path: &str, status: u16) -> Value {
    let responses = &spec["paths"][path][method]["responses"];
    let response = responses
        .get(status.to_string())
        .unwrap_or(&responses["default"]);
    let response = match response.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap_or_default();
            &spec["components"]["responses"][name]
        }
        None => response,
    };
    response["content"]["application/json"]["schema"].clone()
}

/// The JSON schema of an operation's request body.
pub fn request_schema(spec: &Value, method: &str, path: &str) -> Value {
    spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"].clone()
}

/// Panics with every error when `value` does not validate.
pub fn assert_valid(validator: &Validator, value: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{value:#}");
}
