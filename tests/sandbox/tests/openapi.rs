//! openapi.yaml describes exactly the routes the server has, and every error code.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use std::collections::BTreeSet;

use avain_core::api::ErrorCode;

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
    let spec = include_str!("../openapi.yaml");
    let mut routes = BTreeSet::new();
    let mut in_paths = false;
    let mut path = String::new();
    for line in spec.lines() {
        if line == "paths:" {
            in_paths = true;
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(p) = line.strip_prefix("  /").and_then(|l| l.strip_suffix(':')) {
            path = format!("/{p}");
        } else if let Some(rest) = line.strip_prefix("    ") {
            let key = rest.split(':').next().unwrap();
            if METHODS.contains(&key) && !rest.starts_with(' ') {
                routes.insert((key.to_owned(), path.clone()));
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
    let spec = include_str!("../openapi.yaml");
    for code in ErrorCode::ALL {
        assert!(spec.contains(code.as_str()), "{code}");
    }
}
