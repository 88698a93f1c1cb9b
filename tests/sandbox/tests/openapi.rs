//! openapi.yaml describes exactly the routes the server has, and every error code, and it
//! reads the same in every YAML loader: no value a YAML 1.1 loader turns into a boolean,
//! no description that is not a string, no schema key that is not a schema keyword (an
//! unquoted comma in a flow mapping makes one up). openapi_types.rs checks the schemas
//! against the wire types; `tests/run contract` validates the file with an independent
//! validator and fuzzes the server against it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

mod common;

use std::collections::BTreeSet;

use avain_protocol::api::ErrorCode;
use common::spec::spec;
use serde_json::Value;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// (method, path) of every `.route(...)` in src/routes/mod.rs.
fn server_routes() -> BTreeSet<(String, String)> {
    let source = include_str!("../src/routes/mod.rs");
    let mut routes = BTreeSet::new();
    for chunk in source.split(".route(").skip(1) {
        let path = chunk.split('"').nth(1).unwrap().to_owned();
        let handlers = chunk.split(".route(").next().unwrap();
        let handlers = handlers.split(';').next().unwrap();
        for method in METHODS {
            let found = handlers.match_indices(&format!("{method}(")).any(|(i, _)| {
                i == 0
                    || !handlers.as_bytes()[i - 1].is_ascii_alphanumeric()
                        && handlers.as_bytes()[i - 1] != b'_'
            });
            if found {
                routes.insert((method.to_owned(), path.clone()));
            }
        }
    }
    routes
}

/// (method, path) of every operation in openapi.yaml.
fn documented_routes() -> BTreeSet<(String, String)> {
    let spec = spec();
    let mut routes = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if METHODS.contains(&method.as_str()) {
                routes.insert((method.clone(), path.clone()));
            }
        }
    }
    routes
}

#[test]
fn every_route_is_documented_and_nothing_else() {
    let server = server_routes();
    let documented = documented_routes();
    assert!(server.len() > 60, "{}", server.len());
    let missing: Vec<_> = server.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&server).collect();
    assert!(missing.is_empty(), "not in openapi.yaml: {missing:?}");
    assert!(extra.is_empty(), "documented but not served: {extra:?}");
}

#[test]
fn every_error_code_is_documented() {
    let spec = spec();
    let listed: Vec<&str> = spec["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for code in ErrorCode::ALL {
        assert!(listed.contains(&code.as_str()), "{code} not in ErrorCode");
    }
    assert_eq!(listed.len(), ErrorCode::ALL.len(), "{listed:?}");
}

/// Plain scalars that YAML 1.1 loaders (PyYAML, SnakeYAML) read as booleans while YAML
/// 1.2 reads them as strings.
const YAML11_BOOLEANS: [&str; 16] = [
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
    "OFF",
];

#[test]
fn no_plain_scalar_reads_as_a_boolean_in_yaml_1_1() {
    for (number, line) in include_str!("../openapi.yaml").lines().enumerate() {
        for word in line.split([':', ',', '{', '}', '[', ']']).map(str::trim) {
            assert!(
                !YAML11_BOOLEANS.contains(&word),
                "openapi.yaml:{}: unquoted {word:?} is a boolean in YAML 1.1",
                number + 1
            );
        }
    }
}

/// JSON Schema (2020-12) and OpenAPI 3.1 keywords this file uses in schemas.
const SCHEMA_KEYWORDS: [&str; 22] = [
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "format",
    "pattern",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "allOf",
    "oneOf",
    "description",
    "examples",
    "default",
    "title",
];

/// Checks one schema and the schemas inside it; `at` names it in failures.
fn check_schema(schema: &Value, at: &str) {
    let map = schema
        .as_object()
        .unwrap_or_else(|| panic!("{at}: not a schema object"));
    for (key, value) in map {
        assert!(
            SCHEMA_KEYWORDS.contains(&key.as_str()),
            "{at}: {key:?} is not a schema keyword (an unquoted comma?)"
        );
        match key.as_str() {
            "description" | "title" => assert!(value.is_string(), "{at}.{key}: not a string"),
            "properties" => {
                for (name, property) in value.as_object().unwrap() {
                    check_schema(property, &format!("{at}.{name}"));
                }
            }
            "items" => check_schema(value, &format!("{at}[]")),
            "additionalProperties" if value.is_object() => check_schema(value, at),
            "allOf" | "oneOf" => {
                for (i, part) in value.as_array().unwrap().iter().enumerate() {
                    check_schema(part, &format!("{at}.{key}[{i}]"));
                }
            }
            _ => assert!(!value.is_null(), "{at}.{key}: null"),
        }
    }
}

/// Every description and summary outside schemas is a string; every schema in
/// parameters, bodies, answers and headers is checked by `check_schema`.
fn check_document(value: &Value, at: &str) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let here = format!("{at}/{key}");
                match key.as_str() {
                    "description" | "summary" => assert!(inner.is_string(), "{here}: not a string"),
                    "schema" => check_schema(inner, &here),
                    "schemas" if at == "/components" => {
                        for (name, schema) in inner.as_object().unwrap() {
                            check_schema(schema, &format!("{here}/{name}"));
                        }
                    }
                    _ => check_document(inner, &here),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_document(item, &format!("{at}[{i}]"));
            }
        }
        Value::Null => panic!("{at}: null (an unquoted comma or colon?)"),
        _ => {}
    }
}

#[test]
fn every_description_is_a_string_and_every_schema_key_a_keyword() {
    check_document(&spec(), "");
}

#[test]
fn every_status_is_a_quoted_string() {
    for (path, item) in spec()["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(responses) = operation.get("responses") else {
                continue;
            };
            for status in responses.as_object().unwrap().keys() {
                let ok = status == "default"
                    || status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit());
                assert!(ok, "{method} {path}: response key {status:?}");
            }
        }
    }
    // YAML keys `200:` unquoted are integers to some loaders: the file quotes them all.
    for (number, line) in include_str!("../openapi.yaml").lines().enumerate() {
        let key = line.trim_start();
        let bare = key.len() > 4
            && key.as_bytes()[..3].iter().all(u8::is_ascii_digit)
            && key.as_bytes()[3] == b':';
        assert!(!bare, "openapi.yaml:{}: unquoted status", number + 1);
    }
}
