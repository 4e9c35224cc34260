//! The dry run of a pull request publishes what a tag publishes: the same
//! commands, with `--dry-run`; its npm steps and release assets run here on
//! copies of every catalog's generated package and `OpenAPI` files.

use std::collections::BTreeSet;
use std::path::Path;

use super::{Scratch, catalogs, env_of, run_in, step_running, workflow};

#[test]
fn the_dry_run_runs_the_release_commands() {
    let release = workflow("release.yml");
    let dry_cargo = run_in(&release, "dry-run", "cargo publish");
    assert!(
        dry_cargo.contains("cargo publish --dry-run "),
        "{dry_cargo}"
    );
    assert_eq!(
        run_in(&release, "crate", "cargo publish"),
        dry_cargo.replace("--dry-run ", "")
    );
    let dry_npm = run_in(&release, "dry-run", "npm publish");
    assert!(dry_npm.contains("npm publish --dry-run "), "{dry_npm}");
    assert_eq!(
        run_in(&release, "npm", "npm publish"),
        dry_npm.replace("--dry-run", "--provenance")
    );
    let name_repository = run_in(&release, "dry-run", "npm pkg set");
    for job_name in ["npm", "github-release"] {
        assert_eq!(run_in(&release, job_name, "npm pkg set"), name_repository);
    }
    let dry_assets = step_running(&release, "dry-run", "npm pack");
    let assets = step_running(&release, "github-release", "npm pack");
    assert_eq!(
        dry_assets.as_mapping_get("run"),
        assets.as_mapping_get("run")
    );
    assert_eq!(env_of(dry_assets, "LABEL"), Some("dry-run"));
    assert_eq!(env_of(assets, "LABEL"), Some("${{ github.ref_name }}"));
}

/// Copies the files of `from` (no subfolders) into `to`.
fn copy_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn the_dry_run_packs_and_publishes_every_catalogs_package() {
    let release = workflow("release.yml");
    let name_repository = run_in(&release, "dry-run", "npm pkg set");
    let dry_npm = run_in(&release, "dry-run", "npm publish");
    let assets = run_in(&release, "dry-run", "npm pack");

    let catalogs = catalogs();
    let scratch = Scratch::new();
    for catalog in &catalogs {
        for part in ["ts", "openapi"] {
            copy_files(
                &crate::workspace::output_of(&catalog.name).join(part),
                &scratch
                    .repo
                    .join("generated")
                    .join(&catalog.name)
                    .join(part),
            );
        }
    }
    scratch.write("generated/docs/book/index.html", "<html></html>\n");
    let names: Vec<&str> = catalogs.iter().map(|c| c.name.as_str()).collect();
    let list = names.join(" ");

    let url = "https://github.com/example/error-codes";
    let ran = scratch.run(
        name_repository,
        &[("CATALOGS", &list), ("REPOSITORY_URL", url)],
    );
    assert!(ran.ok, "{}", ran.out);
    for name in &names {
        let package = scratch.read(&format!("generated/{name}/ts/package.json"));
        let manifest: serde_json::Value = serde_json::from_str(&package).unwrap();
        assert_eq!(manifest["repository"]["url"], format!("git+{url}.git"));
        assert_eq!(
            manifest["repository"]["directory"],
            format!("generated/{name}/ts")
        );
    }

    let ran = scratch.run(
        dry_npm,
        &[("CATALOGS", &list), ("npm_config_offline", "true")],
    );
    assert!(ran.ok, "{}", ran.out);
    for catalog in &catalogs {
        let published = format!("+ {}@{}", catalog.meta.npm_name, catalog.meta.version);
        assert!(ran.out.contains(&published), "{published}:\n{}", ran.out);
    }

    let ran = scratch.run(
        assets,
        &[
            ("CATALOGS", &list),
            ("LABEL", "dry-run"),
            ("npm_config_offline", "true"),
        ],
    );
    assert!(ran.ok, "{}", ran.out);
    let made: BTreeSet<String> = std::fs::read_dir(scratch.tmp.join("assets"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut expected = BTreeSet::from(["docs-site-dry-run.tar.gz".to_owned()]);
    for catalog in &catalogs {
        let (name, version) = (&catalog.meta.npm_name, &catalog.meta.version);
        let tarball = name.trim_start_matches('@').replace('/', "-");
        expected.insert(format!("{tarball}-{version}.tgz"));
        expected.insert(format!("openapi-{}-v{version}.tar.gz", catalog.name));
    }
    assert_eq!(made, expected);
}
