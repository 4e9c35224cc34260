//! The workflows do what the README and the release process say: each test
//! reads the real files under `.github/` as YAML and, where a step is a
//! script, runs that script: in a scratch repository holding catalogs of its
//! own, or in the workspace over whatever catalogs `spec/` holds, with a
//! fake `cargo`, `gh`, `curl` or `rustup` on `PATH` where the real one would
//! publish, download or install (npm runs offline).
//!
//! `ci` (the crates on their rust-version and other systems), `release`
//! (tags, versions, baselines, publishing), `dry_run` (what a pull request
//! publishes) and `source_pages` (the scheduled pull request) hold the tests
//! of each workflow; this file holds the harness and the tests that span the
//! workflows.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use saphyr::{LoadableYamlNode, YamlOwned};

use crate::workspace::root as workspace_root;

#[cfg(unix)]
mod ci;
#[cfg(unix)]
mod dry_run;
#[cfg(unix)]
mod release;
#[cfg(unix)]
mod source_pages;

// ----- the workflow files as YAML ---------------------------------------------

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

/// Every workflow file, relative to the root (`.github/workflows/ci.yml`,
/// …), sorted: the files that the linters check.
fn workflow_files() -> Vec<String> {
    super::workflow_files(&workspace_root()).expect("the workflow files")
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

/// The step of `job_name` whose `run` contains `needle`.
fn step_running<'a>(workflow: &'a YamlOwned, job_name: &str, needle: &str) -> &'a YamlOwned {
    steps(job(workflow, job_name))
        .iter()
        .find(|s| text(s, "run").is_some_and(|run| run.contains(needle)))
        .unwrap_or_else(|| panic!("no step of job `{job_name}` runs {needle}"))
}

/// The `run` of the step of `job_name` whose `run` contains `needle`.
fn run_in<'a>(workflow: &'a YamlOwned, job_name: &str, needle: &str) -> &'a str {
    text(step_running(workflow, job_name, needle), "run").expect("a run step")
}

/// A step's (or job's) `env` entry.
fn env_of<'a>(node: &'a YamlOwned, key: &str) -> Option<&'a str> {
    node.as_mapping_get("env").and_then(|env| text(env, key))
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

// ----- running the scripts ------------------------------------------------------

/// What a script did: whether it succeeded, and what it printed.
struct Ran {
    ok: bool,
    out: String,
}

/// Runs a step's script as GitHub's `bash` shell does (`-e -o pipefail`),
/// in `dir`.
fn run_script(script: &str, dir: &Path, env: &[(&str, &str)]) -> Ran {
    let output = Command::new("bash")
        .args(["--noprofile", "--norc", "-e", "-o", "pipefail", "-c"])
        .arg(script)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .expect("bash runs");
    Ran {
        ok: output.status.success(),
        out: format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

/// The first `program` on `PATH`, as a full path: the real one, for a fake
/// that hands some calls over to it.
fn real_program(program: &str) -> String {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| panic!("{program} is not on PATH"))
        .to_string_lossy()
        .into_owned()
}

/// A scratch folder for running scripts: `repo/` (a git repository, where
/// the scripts run unless told otherwise), `bin/` (fake programs, first on
/// `PATH`, each of which appends its name and arguments to a log) and
/// `tmp/` (`$RUNNER_TEMP`), with `$GITHUB_OUTPUT` a file of its own.
struct Scratch {
    _dir: tempfile::TempDir,
    root: PathBuf,
    repo: PathBuf,
    tmp: PathBuf,
    calls: PathBuf,
    output: PathBuf,
}

impl Scratch {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().to_path_buf();
        for sub in ["bin", "repo", "tmp"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        let scratch = Self {
            repo: root.join("repo"),
            tmp: root.join("tmp"),
            calls: root.join("calls"),
            output: root.join("github-output"),
            root,
            _dir: dir,
        };
        scratch.git(&["init", "--quiet", "--initial-branch=main"]);
        scratch
    }

    /// A fake `program` that logs its call, then runs `body` (sh).
    #[cfg(unix)]
    fn fake(&self, program: &str, body: &str) {
        use std::os::unix::fs::PermissionsExt;
        let path = self.root.join("bin").join(program);
        let script = format!("#!/bin/sh\necho \"{program} $*\" >> \"$FAKE_CALLS\"\n{body}\n");
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    /// Writes `contents` to `path` in the repository, creating its folders.
    fn write(&self, path: &str, contents: &str) {
        let full = self.repo.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, contents).unwrap();
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.repo.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// A crate at `generated/NAME/rust`, named `NAME-codes`, at `version`,
    /// declaring `rust_version` if given; its `lib.rs` is empty.
    fn write_crate(&self, name: &str, version: &str, rust_version: Option<&str>) {
        let declared = rust_version.map_or(String::new(), |v| format!("rust-version = \"{v}\"\n"));
        self.write(
            &format!("generated/{name}/rust/Cargo.toml"),
            &format!(
                "[package]\nname = \"{name}-codes\"\nversion = \"{version}\"\nedition = \"2021\"\n{declared}"
            ),
        );
        self.write(&format!("generated/{name}/rust/src/lib.rs"), "");
    }

    /// Runs git in the repository; returns what it printed.
    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&self.repo)
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Runs `script` in the repository.
    fn run(&self, script: &str, env: &[(&str, &str)]) -> Ran {
        self.run_in(&self.repo, script, env)
    }

    /// Runs `script` in `dir`, with a fresh call log and `$GITHUB_OUTPUT`.
    fn run_in(&self, dir: &Path, script: &str, env: &[(&str, &str)]) -> Ran {
        let _ = std::fs::remove_file(&self.calls);
        let _ = std::fs::remove_file(&self.output);
        let path = format!(
            "{}:{}",
            self.root.join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let fixed = [
            ("PATH", path),
            ("FAKE_CALLS", self.calls.display().to_string()),
            ("GITHUB_OUTPUT", self.output.display().to_string()),
            ("RUNNER_TEMP", self.tmp.display().to_string()),
        ];
        let mut all: Vec<(&str, &str)> = fixed.iter().map(|(k, v)| (*k, v.as_str())).collect();
        all.extend(env.iter().copied());
        run_script(script, dir, &all)
    }

    /// The fake programs' calls of the last run, one line each.
    fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(&self.calls)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The last run's step outputs (`name=value` lines of `$GITHUB_OUTPUT`).
    fn outputs(&self) -> BTreeMap<String, String> {
        std::fs::read_to_string(&self.output)
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }
}

/// Every catalog of `spec/`, as the workspace loads it.
fn catalogs() -> Vec<codegen::model::Catalog> {
    let catalogs = crate::workspace::catalogs().expect("the spec loads");
    assert!(!catalogs.is_empty(), "spec/ holds no catalog");
    catalogs
}

// ----- tests that span the workflows -------------------------------------------

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

/// The `node-version` of the job's `actions/setup-node` step, if it has one.
fn node_version(job: &YamlOwned) -> Option<i64> {
    steps(job)
        .iter()
        .find(|s| text(s, "uses").is_some_and(|u| u.starts_with("actions/setup-node@")))
        .and_then(|s| s.as_mapping_get("with"))
        .and_then(|with| with.as_mapping_get("node-version"))
        .and_then(YamlOwned::as_integer)
}

/// The newest LTS line that `cargo xtask ci` tests the package on.
fn newest_lts() -> Option<i64> {
    crate::ts::node::LTS_LINES
        .iter()
        .max()
        .copied()
        .map(i64::from)
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
    let newest = newest_lts();
    assert_eq!(
        node_version(job),
        newest,
        "job `{name}` sets up Node {newest:?}"
    );
    let rust = steps(job).iter().filter_map(|s| text(s, "run")).any(|run| {
        run.contains("rustup toolchain install stable") && run.contains("rustfmt,clippy")
    });
    assert!(
        rust,
        "job `{name}` installs stable Rust with rustfmt and clippy"
    );
}

/// Node 24 is the active LTS: every job that sets up Node sets up 24, and
/// every job whose scripts run `node` or `npm` sets it up.
#[test]
fn every_job_that_runs_node_sets_up_node_24() {
    let newest = newest_lts();
    assert_eq!(newest, Some(24));
    let mut set_up = 0;
    for path in workflow_files() {
        let workflow = yaml(&path);
        for (job_name, job) in jobs(&workflow) {
            let uses_node = steps(job)
                .iter()
                .filter_map(|s| text(s, "run"))
                .any(|run| run.contains("node ") || run.contains("npm "));
            let version = node_version(job);
            if uses_node || version.is_some() {
                assert_eq!(version, newest, "{path}: job `{job_name}`");
                set_up += 1;
            }
        }
    }
    assert!(set_up >= 5, "only {set_up} jobs set up Node");
}

/// What zizmor checks, also under `cargo test`: no permissions by default,
/// actions pinned by commit, checkouts that keep no token, and no
/// `${{ }}` expansion inside a script.
#[test]
fn every_workflow_keeps_its_safety_properties() {
    for path in workflow_files() {
        let workflow = yaml(&path);
        let permissions = workflow.as_mapping_get("permissions");
        assert!(
            permissions
                .and_then(YamlOwned::as_mapping)
                .is_some_and(saphyr::MappingOwned::is_empty),
            "{path}: `permissions: {{}}` at the top"
        );
        for (job_name, job) in jobs(&workflow) {
            assert!(
                job.as_mapping_get("permissions").is_some(),
                "{path}: job `{job_name}` says which permissions it needs"
            );
            for step in steps(job) {
                if let Some(uses) = text(step, "uses") {
                    let (_, pin) = uses.split_once('@').expect("a versioned action");
                    assert!(
                        pin.len() == 40 && pin.bytes().all(|b| b.is_ascii_hexdigit()),
                        "{path}: {uses} is not pinned by commit"
                    );
                    if uses.starts_with("actions/checkout@") {
                        let persist = step
                            .as_mapping_get("with")
                            .and_then(|with| with.as_mapping_get("persist-credentials"))
                            .and_then(YamlOwned::as_bool);
                        assert_eq!(persist, Some(false), "{path}: job `{job_name}`'s checkout");
                    }
                }
                if let Some(run) = text(step, "run") {
                    assert!(!run.contains("${{"), "{path}: `${{{{` in a script:\n{run}");
                }
            }
        }
    }
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
    let paths = docs
        .as_mapping_get("on")
        .and_then(|on| on.as_mapping_get("push"))
        .and_then(|push| push.as_mapping_get("paths"));
    let paths = strings(paths);
    assert!(paths.contains(&"spec/**"), "{paths:?}");
    assert!(paths.contains(&"generated/docs/**"), "{paths:?}");
    let (_, build) =
        find_run(&docs, |run| run.contains("mdbook\" build")).expect("docs.yml builds the site");
    assert!(
        text(build, "run")
            .unwrap()
            .ends_with("build generated/docs"),
        "the one site of every catalog"
    );
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
