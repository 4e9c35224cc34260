//! The workflows do what the README and the release process say: each test
//! reads the real files under `.github/` as YAML and, where a step is a
//! script, runs that script.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use saphyr::{LoadableYamlNode, YamlOwned};

use crate::workspace::root as workspace_root;

fn read(path: &str) -> String {
    let full = workspace_root().join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

fn yaml(path: &str) -> YamlOwned {
    let mut documents =
        YamlOwned::load_from_str(&read(path)).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"));
    assert_eq!(documents.len(), 1, "{path} holds one document");
    documents.remove(0)
}

fn workflow(name: &str) -> YamlOwned {
    yaml(&format!(".github/workflows/{name}"))
}

fn text<'a>(node: &'a YamlOwned, key: &str) -> Option<&'a str> {
    node.as_mapping_get(key).and_then(YamlOwned::as_str)
}

/// The strings of a sequence, or of a single string.
fn strings(node: Option<&YamlOwned>) -> Vec<&str> {
    match node {
        Some(node) if node.as_str().is_some() => node.as_str().into_iter().collect(),
        Some(node) => node
            .as_sequence()
            .map(|items| items.iter().filter_map(YamlOwned::as_str).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

fn jobs(workflow: &YamlOwned) -> Vec<(&str, &YamlOwned)> {
    workflow
        .as_mapping_get("jobs")
        .and_then(YamlOwned::as_mapping)
        .expect("a workflow has jobs")
        .iter()
        .map(|(name, job)| (name.as_str().expect("job names are strings"), job))
        .collect()
}

fn job<'a>(workflow: &'a YamlOwned, name: &str) -> &'a YamlOwned {
    jobs(workflow)
        .into_iter()
        .find(|(job_name, _)| *job_name == name)
        .unwrap_or_else(|| panic!("no job `{name}`"))
        .1
}

fn steps(job: &YamlOwned) -> &[YamlOwned] {
    job.as_mapping_get("steps")
        .and_then(YamlOwned::as_sequence)
        .map_or(&[], Vec::as_slice)
}

/// The job holding the first step whose `run` satisfies `test`, and the step.
fn find_run(workflow: &YamlOwned, test: impl Fn(&str) -> bool) -> Option<(&str, &YamlOwned)> {
    jobs(workflow).into_iter().find_map(|(name, job)| {
        steps(job)
            .iter()
            .find(|step| text(step, "run").is_some_and(&test))
            .map(|step| (name, step))
    })
}

/// Every job that `name` waits for, directly or not.
fn needs_all<'a>(workflow: &'a YamlOwned, name: &str) -> BTreeSet<&'a str> {
    let mut found = BTreeSet::new();
    let mut queue = strings(job(workflow, name).as_mapping_get("needs"));
    while let Some(need) = queue.pop() {
        if found.insert(need) {
            queue.extend(strings(job(workflow, need).as_mapping_get("needs")));
        }
    }
    found
}

/// Runs a step's script as GitHub's `bash` shell does (`-e -o pipefail`),
/// in `dir`; returns whether it succeeded, and its output.
fn run_script(script: &str, dir: &Path, env: &[(&str, &str)]) -> (bool, String) {
    let output = Command::new("bash")
        .args([
            "--noprofile",
            "--norc",
            "-e",
            "-o",
            "pipefail",
            "-c",
            script,
        ])
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .expect("bash runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), printed)
}

/// The command that the README's Set-up calls the whole test suite.
fn readme_test_command() -> String {
    let readme = read("README.md");
    let setup = readme
        .split("\n## ")
        .find(|section| section.starts_with("Set-up"))
        .expect("README.md has a Set-up section");
    let block = setup
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("Set-up has a sh block");
    let line = block
        .lines()
        .find(|line| line.contains("test suite"))
        .expect("Set-up's sh block names the test suite's command");
    line.split('#').next().unwrap_or_default().trim().to_owned()
}

#[test]
fn ci_workflow_runs_the_readme_test_command() {
    let command = readme_test_command();
    assert_eq!(command, "cargo xtask ci");
    let ci_run = read(".ci/run");
    let last = ci_run.lines().rev().find(|line| !line.trim().is_empty());
    assert_eq!(last, Some(format!("exec {command}").as_str()));

    let ci = workflow("ci.yml");
    let on = ci.as_mapping_get("on").expect("ci.yml has triggers");
    assert!(on.as_mapping_get("pull_request").is_some());
    let push = on.as_mapping_get("push").expect("ci.yml runs on push");
    assert_eq!(strings(push.as_mapping_get("branches")), ["main"]);

    let (name, step) = find_run(&ci, |run| run.trim() == "bash .ci/run")
        .expect("a step of ci.yml runs `bash .ci/run`");
    let job = job(&ci, name);
    assert_eq!(text(job, "runs-on"), Some("ubuntu-latest"));
    for key in ["if", "continue-on-error"] {
        assert!(
            job.as_mapping_get(key).is_none(),
            "job `{name}` has `{key}`"
        );
        assert!(step.as_mapping_get(key).is_none(), "the step has `{key}`");
    }
    let node = steps(job)
        .iter()
        .find(|s| text(s, "uses").is_some_and(|u| u.starts_with("actions/setup-node@")))
        .and_then(|s| s.as_mapping_get("with"))
        .and_then(|with| with.as_mapping_get("node-version"))
        .and_then(YamlOwned::as_integer);
    // The newest LTS line that `cargo xtask ci` tests the package on.
    let newest = crate::ts::node::LTS_LINES
        .iter()
        .max()
        .copied()
        .map(i64::from);
    assert_eq!(node, newest, "job `{name}` sets up Node {newest:?}");
    let rust = steps(job).iter().filter_map(|s| text(s, "run")).any(|run| {
        run.contains("rustup toolchain install stable") && run.contains("rustfmt,clippy")
    });
    assert!(
        rust,
        "job `{name}` installs stable Rust with rustfmt and clippy"
    );
}

#[test]
fn generated_crate_is_tested_on_its_rust_version_and_other_systems() {
    let ci = workflow("ci.yml");
    let manifest = read("generated/rust/Cargo.toml");
    let declared = manifest
        .lines()
        .find_map(|line| line.strip_prefix("rust-version = "))
        .expect("the generated crate declares a rust-version")
        .trim_matches('"');
    let msrv_runs: Vec<&str> = steps(job(&ci, "msrv"))
        .iter()
        .filter_map(|s| text(s, "run"))
        .collect();
    let all = msrv_runs.join("\n");
    assert!(
        all.contains(".rust_version"),
        "the MSRV job reads the manifest"
    );
    assert!(
        !all.contains(declared),
        "the MSRV job hard-codes {declared}"
    );
    assert!(all.contains("--features serde"));

    let matrix = job(&ci, "os")
        .as_mapping_get("strategy")
        .and_then(|s| s.as_mapping_get("matrix"))
        .expect("the os job has a matrix");
    assert_eq!(
        strings(matrix.as_mapping_get("os")),
        ["windows-latest", "macos-latest"]
    );
    assert_eq!(strings(matrix.as_mapping_get("features")), ["", "serde"]);
}

#[test]
fn release_workflow_checks_the_tag_against_the_catalog_version() {
    let release = workflow("release.yml");
    let on = release
        .as_mapping_get("on")
        .expect("release.yml has triggers");
    let push = on.as_mapping_get("push").expect("release.yml runs on push");
    assert_eq!(strings(push.as_mapping_get("tags")), ["v*"]);
    assert!(
        on.as_mapping_get("pull_request").is_some(),
        "dry runs on pull requests"
    );

    let (name, step) = find_run(&release, |run| run.contains("\"v$crate_version\""))
        .expect("a step compares the tag with v<version>");
    assert!(
        steps(job(&release, name))
            .iter()
            .any(|s| text(s, "run") == Some("cargo xtask check")),
        "job `{name}` checks that generated/ is in sync with spec/"
    );
    let env = step.as_mapping_get("env").expect("the step has env");
    assert_eq!(text(env, "TAG"), Some("${{ github.ref_name }}"));
    assert_eq!(text(env, "EVENT"), Some("${{ github.event_name }}"));

    let catalogs = crate::sync::workspace_catalogs().expect("the spec loads");
    let version = catalogs[0].meta.version.clone();
    let script = text(step, "run").expect("the step runs a script");
    let root = workspace_root();
    let good = format!("v{version}");
    let (ok, out) = run_script(script, &root, &[("TAG", &good), ("EVENT", "push")]);
    assert!(ok, "tag {good} is refused:\n{out}");
    assert!(out.contains(&format!("release {good}")), "{out}");
    for bad in [
        format!("v{version}.1"),
        version.clone(),
        "v0.0.0-wrong".to_owned(),
    ] {
        let (ok, out) = run_script(script, &root, &[("TAG", &bad), ("EVENT", "push")]);
        assert!(!ok, "tag {bad} is accepted for version {version}:\n{out}");
        assert!(
            out.contains(&format!("the tag {bad} is not v{version}")),
            "{out}"
        );
    }
    // A pull request has no tag: the dry run goes on.
    let (ok, out) = run_script(
        script,
        &root,
        &[("TAG", "7/merge"), ("EVENT", "pull_request")],
    );
    assert!(ok, "{out}");
}

#[cfg(unix)]
#[test]
fn release_runs_semver_checks_against_the_previous_release_tag() {
    let release = workflow("release.yml");
    let env = release.as_mapping_get("env").expect("release.yml has env");
    assert_eq!(
        text(env, "CARGO_SEMVER_CHECKS_VERSION"),
        Some(crate::semver_suite::checker::VERSION)
    );
    let (name, step) = find_run(&release, |run| {
        run.contains("cargo semver-checks check-release")
    })
    .expect("a step runs cargo semver-checks");
    let installs = steps(job(&release, name)).iter().filter_map(|s| text(s, "run")).any(|run| {
        run.contains("cargo install cargo-semver-checks --version \"$CARGO_SEMVER_CHECKS_VERSION\" --locked")
    });
    assert!(
        installs,
        "job `{name}` installs the pinned cargo-semver-checks"
    );
    let env = step.as_mapping_get("env").expect("the step has env");
    assert_eq!(text(env, "TAG"), Some("${{ github.ref_name }}"));
    let script = text(step, "run").expect("the step runs a script");

    // A repository with release tags, and a `cargo` on PATH that records
    // its arguments instead of checking anything.
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let dir = scratch.path();
    let bin = dir.join("bin");
    let repo = dir.join("repo");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&repo).unwrap();
    let calls = dir.join("cargo-calls");
    let fake_cargo = bin.join("cargo");
    std::fs::write(&fake_cargo, "#!/bin/sh\necho \"$@\" >> \"$CARGO_CALLS\"\n").unwrap();
    let mut permissions = std::fs::metadata(&fake_cargo).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&fake_cargo, permissions).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&repo)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    let calls_arg = calls.to_string_lossy();
    let step = |tag: &str| {
        let _ = std::fs::remove_file(&calls);
        let env = [
            ("TAG", tag),
            ("PATH", path.as_str()),
            ("CARGO_CALLS", &calls_arg),
        ];
        let (ok, out) = run_script(script, &repo, &env);
        assert!(ok, "{out}");
        (std::fs::read_to_string(&calls).unwrap_or_default(), out)
    };
    git(&["init", "--quiet"]);
    git(&["commit", "--quiet", "--allow-empty", "-m", "first"]);
    git(&["tag", "v0.1.0"]);
    let (called, out) = step("v0.1.0");
    assert_eq!(called, "", "the first release has no baseline");
    assert!(out.contains("first release"), "{out}");

    git(&["commit", "--quiet", "--allow-empty", "-m", "second"]);
    git(&["tag", "not-a-release"]);
    git(&["tag", "v0.2.0"]);
    let (called, _) = step("v0.2.0");
    assert!(
        called.starts_with("semver-checks check-release "),
        "{called}"
    );
    assert!(called.contains("--baseline-rev v0.1.0\n"), "{called}");

    // A pull request after v0.2.0 is checked against v0.2.0.
    git(&["commit", "--quiet", "--allow-empty", "-m", "third"]);
    let (called, _) = step("12/merge");
    assert!(called.contains("--baseline-rev v0.2.0\n"), "{called}");
}

#[test]
fn publishing_waits_for_the_checks() {
    let release = workflow("release.yml");
    let gate = |needle: &str| {
        find_run(&release, |run| run.contains(needle))
            .unwrap_or_else(|| panic!("no step runs {needle}"))
            .0
    };
    let tag_check = gate("\"v$crate_version\"");
    let semver = gate("cargo semver-checks check-release");
    let publishing = ["cargo publish", "npm publish", "gh release create"];
    let mut publishing_jobs = BTreeSet::new();
    for (name, job) in jobs(&release) {
        let publishes = steps(job)
            .iter()
            .filter_map(|s| text(s, "run"))
            .any(|run| publishing.iter().any(|p| run.contains(p)) && !run.contains("--dry-run"));
        if publishes {
            publishing_jobs.insert(name);
            let needs = needs_all(&release, name);
            assert!(
                needs.contains(tag_check),
                "job `{name}` does not wait for `{tag_check}`"
            );
            assert!(
                needs.contains(semver),
                "job `{name}` does not wait for `{semver}`"
            );
            assert_eq!(
                text(job, "if"),
                Some("github.event_name == 'push'"),
                "job `{name}`"
            );
        }
    }
    assert_eq!(
        publishing_jobs.len(),
        3,
        "cargo, npm and the GitHub release: {publishing_jobs:?}"
    );
}

/// The `run` of the step of `job` whose `run` contains `needle`.
fn run_in<'a>(workflow: &'a YamlOwned, job_name: &str, needle: &str) -> &'a str {
    steps(job(workflow, job_name))
        .iter()
        .filter_map(|s| text(s, "run"))
        .find(|run| run.contains(needle))
        .unwrap_or_else(|| panic!("no step of job `{job_name}` runs {needle}"))
}

#[test]
fn the_dry_run_publishes_what_the_release_publishes() {
    let release = workflow("release.yml");
    let dry_cargo = run_in(&release, "dry-run", "cargo publish");
    let dry_npm = run_in(&release, "dry-run", "npm publish");
    assert_eq!(
        run_in(&release, "crate", "cargo publish"),
        dry_cargo.replace("--dry-run ", "")
    );
    assert_eq!(
        run_in(&release, "npm", "npm publish"),
        dry_npm.replace("--dry-run", "--provenance")
    );
    let name_repository = run_in(&release, "dry-run", "npm pkg set");
    for job_name in ["npm", "github-release"] {
        assert_eq!(run_in(&release, job_name, "npm pkg set"), name_repository);
    }

    // The dry run's npm steps, on a copy of the generated package.
    let catalog = crate::sync::workspace_catalogs()
        .expect("the spec loads")
        .remove(0);
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let dir = scratch.path();
    let package = dir.join("generated/ts");
    std::fs::create_dir_all(&package).unwrap();
    for entry in std::fs::read_dir(workspace_root().join("generated/ts")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), package.join(entry.file_name())).unwrap();
    }
    let url = "https://github.com/example/error-codes";
    let (ok, out) = run_script(name_repository, &package, &[("REPOSITORY_URL", url)]);
    assert!(ok, "{out}");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(package.join("package.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["repository"]["url"], format!("git+{url}.git"));
    let (ok, out) = run_script(dry_npm, dir, &[("npm_config_offline", "true")]);
    assert!(ok, "{out}");
    let published = format!("+ {}@{}", catalog.meta.npm_name, catalog.meta.version);
    assert!(out.contains(&published), "{out}");
}

#[test]
fn docs_are_built_with_the_mdbook_that_ci_checks_them_with() {
    for name in ["docs.yml", "release.yml"] {
        let workflow = workflow(name);
        let env = workflow
            .as_mapping_get("env")
            .expect("the workflow has env");
        assert_eq!(
            text(env, "MDBOOK_VERSION"),
            Some(crate::docs::MDBOOK_VERSION),
            "{name}"
        );
    }
    let docs = workflow("docs.yml");
    let concurrency = docs
        .as_mapping_get("concurrency")
        .expect("docs.yml has concurrency");
    assert_eq!(text(concurrency, "group"), Some("pages"));
    assert_eq!(
        concurrency
            .as_mapping_get("cancel-in-progress")
            .and_then(YamlOwned::as_bool),
        Some(false)
    );
}

/// `pattern` (a Dependabot directory, `*` standing for one path segment)
/// matches `dir`.
fn dependabot_matches(pattern: &str, dir: &str) -> bool {
    let pattern: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    let dir: Vec<&str> = dir.trim_matches('/').split('/').collect();
    pattern.len() == dir.len() && pattern.iter().zip(&dir).all(|(p, d)| *p == "*" || p == d)
}

#[test]
fn dependabot_watches_every_lockfile() {
    let config = yaml(".github/dependabot.yml");
    let updates = config
        .as_mapping_get("updates")
        .and_then(YamlOwned::as_sequence)
        .expect("dependabot.yml has updates");
    let watched = |ecosystem: &str, dir: &str| {
        updates.iter().any(|update| {
            text(update, "package-ecosystem") == Some(ecosystem)
                && strings(update.as_mapping_get("directory"))
                    .into_iter()
                    .chain(strings(update.as_mapping_get("directories")))
                    .any(|pattern| dependabot_matches(pattern, dir))
        })
    };
    let output = Command::new("git")
        .args([
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "--",
        ])
        .args(["*Cargo.lock", "*package-lock.json", "*requirements.txt"])
        .current_dir(workspace_root())
        .output()
        .expect("git runs");
    let files = String::from_utf8(output.stdout).expect("UTF-8 paths");
    let mut seen = 0;
    for file in files.lines() {
        let (dir, name) = file.rsplit_once('/').unwrap_or(("", file));
        let ecosystem = match name {
            "Cargo.lock" => "cargo",
            "package-lock.json" => "npm",
            _ => "pip",
        };
        assert!(
            watched(ecosystem, &format!("/{dir}")),
            "{file} is not in dependabot.yml"
        );
        seen += 1;
    }
    assert!(seen >= 6, "only {seen} lockfiles found:\n{files}");
    assert!(watched("github-actions", "/"));
    assert!(dependabot_matches("/xtask/*", "/xtask/ts"));
    assert!(!dependabot_matches("/xtask/*", "/xtask/ts/consumer"));
}
