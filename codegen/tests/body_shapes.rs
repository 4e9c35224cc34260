//! The body-shape catalogs (`tests/specs/shapes/`) load clean, each with
//! its shape and the shape's settings, and `catalog.json` records them.

use std::path::{Path, PathBuf};

use codegen::diagnostic::render_all;
use codegen::model::{BodyShape, Catalog};

fn shapes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/shapes")
}

fn load(name: &str) -> Catalog {
    let loaded = codegen::load_spec(&shapes().join(name), name);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        render_all(&loaded.diagnostics)
    );
    loaded.catalog.expect("a catalog")
}

#[test]
fn each_catalog_has_its_shape() {
    let expected = [
        ("huawei", BodyShape::Huawei),
        ("error-object", BodyShape::ErrorObject),
        (
            "google",
            BodyShape::Google {
                domain: "compute.example.com".into(),
            },
        ),
        (
            "problem-details",
            BodyShape::ProblemDetails {
                code_member: "code".into(),
            },
        ),
    ];
    for (name, shape) in expected {
        let catalog = load(name);
        assert_eq!(catalog.meta.error_body.shape, shape, "{name}");
        assert_eq!(catalog.meta.error_body.shape.name(), name);
        let json = codegen::emit::json::to_json(&catalog);
        assert_eq!(json["error_body"]["shape"], name);
    }
}

#[test]
fn a_catalog_without_a_shape_is_huawei_and_code_member_defaults_to_code() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let spec = dir.path();
    std::fs::write(
        spec.join("table.csv"),
        "status_code,error_code,error_msg,description,handling_measure\n400,A.1,m,d,h\n",
    )
    .expect("write the table");
    let catalog = |error_body: &str| {
        format!(
            "title: T\nversion: 0.1.0\nrust_crate: t-error-codes\nnpm_package: t-error-codes\n\
             tables: [table.csv]\n{error_body}"
        )
    };
    std::fs::write(
        spec.join("catalog.yaml"),
        catalog("error_body:\n  status: 400\n  example: \"{}\"\n"),
    )
    .expect("write the catalog");
    let loaded = codegen::load_spec(spec, "spec");
    let meta = &loaded.catalog.expect("a catalog").meta;
    assert_eq!(meta.error_body.shape, BodyShape::Huawei);
    std::fs::write(
        spec.join("catalog.yaml"),
        catalog("error_body:\n  shape: problem-details\n  status: 400\n  example: \"{}\"\n"),
    )
    .expect("write the catalog");
    let loaded = codegen::load_spec(spec, "spec");
    assert_eq!(
        loaded.catalog.expect("a catalog").meta.error_body.shape,
        BodyShape::ProblemDetails {
            code_member: "code".into()
        }
    );
    std::fs::write(spec.join("catalog.yaml"), catalog("")).expect("write the catalog");
    let loaded = codegen::load_spec(spec, "spec");
    assert_eq!(
        loaded.catalog.expect("a catalog").meta.error_body.shape,
        BodyShape::Huawei
    );
}
