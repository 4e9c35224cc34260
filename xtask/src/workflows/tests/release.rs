//! release.yml: a tag `<catalog>-v<version>` releases that catalog alone;
//! a pull request checks and dry-runs every catalog. The scripts run in
//! scratch repositories with catalogs of their own (`alpha`, and `api` next
//! to `api-v2`, whose tags look alike), and over the workspace's catalogs.

use std::collections::BTreeSet;

use saphyr::YamlOwned;

use super::{
    Scratch, catalogs, env_of, find_run, job, jobs, needs_all, run_in, step_running, steps,
    strings, text, workflow,
};
use crate::workspace::root as workspace_root;

/// The step of `job_name` with `id`.
fn step_with_id<'a>(workflow: &'a YamlOwned, job_name: &str, id: &str) -> &'a YamlOwned {
    steps(job(workflow, job_name))
        .iter()
        .find(|s| text(s, "id") == Some(id))
        .unwrap_or_else(|| panic!("no step `{id}` in job `{job_name}`"))
}

fn script(step: &YamlOwned) -> &str {
    text(step, "run").expect("a run step")
}

/// GitHub's filter patterns, as far as release.yml uses them: `*` stands for
/// any characters but `/`, `[0-9]` for one character of the range.
fn filter_matches(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => (0..=name.len())
            .take_while(|&i| i == 0 || name[i - 1] != b'/')
            .any(|i| filter_matches(rest, &name[i..])),
        Some((b'[', _)) => {
            let end = pattern.iter().position(|&c| c == b']').expect("a closed [");
            let (low, high) = (pattern[1], pattern[end - 1]);
            name.first().is_some_and(|c| (low..=high).contains(c))
                && filter_matches(&pattern[end + 1..], &name[1..])
        }
        Some((c, rest)) => name.first() == Some(c) && filter_matches(rest, &name[1..]),
    }
}

#[test]
fn release_runs_on_catalog_tags_and_on_pull_requests() {
    let release = workflow("release.yml");
    let on = release.as_mapping_get("on").expect("triggers");
    assert!(on.as_mapping_get("pull_request").is_some(), "dry runs");
    let push = on.as_mapping_get("push").expect("release.yml runs on push");
    assert!(push.as_mapping_get("branches").is_none(), "tags only");
    let tags = strings(push.as_mapping_get("tags"));
    let releases = |tag: &str| {
        tags.iter()
            .any(|pattern| filter_matches(pattern.as_bytes(), tag.as_bytes()))
    };
    for tag in ["alpha-v0.3.1", "api-v2-v1.0.0", "api-v0.2.0-rc.1"] {
        assert!(releases(tag), "{tag} does not start a release ({tags:?})");
    }
    for tag in ["v0.3.1", "alpha-vnext", "alpha-0.3.1", "team/alpha-v0.3.1"] {
        assert!(!releases(tag), "{tag} starts a release ({tags:?})");
    }
}

/// A scratch catalog's generated crate and npm package.
fn scratch_catalog(scratch: &Scratch, name: &str, crate_version: &str, npm_version: &str) {
    let folder = format!("generated/{name}");
    scratch.write(&format!("{folder}/catalog.json"), "{}\n");
    scratch.write_crate(name, crate_version, None);
    scratch.write(
        &format!("{folder}/ts/package.json"),
        &format!("{{\"name\": \"{name}-codes\", \"version\": \"{npm_version}\"}}\n"),
    );
}

fn tag_step_env(release: &YamlOwned) -> (&str, &str) {
    let step = step_with_id(release, "plan", "tag");
    (
        env_of(step, "TAG").expect("TAG"),
        env_of(step, "EVENT").expect("EVENT"),
    )
}

#[test]
fn a_tag_releases_its_catalog_only_at_the_version_of_its_crate_and_package() {
    let release = workflow("release.yml");
    assert_eq!(
        tag_step_env(&release),
        ("${{ github.ref_name }}", "${{ github.event_name }}")
    );
    let tag_check = script(step_with_id(&release, "plan", "tag"));
    let scratch = Scratch::new();
    let check = |tag: &str, event: &str| {
        let ran = scratch.run(tag_check, &[("TAG", tag), ("EVENT", event)]);
        let catalogs = scratch.outputs().get("catalogs").cloned();
        (ran, catalogs)
    };

    let (ran, _) = check("7/merge", "pull_request");
    assert!(!ran.ok, "no catalog at all passes:\n{}", ran.out);
    assert!(
        ran.out.contains("no catalog under generated/"),
        "{}",
        ran.out
    );

    scratch_catalog(&scratch, "alpha", "0.3.1", "0.3.1");
    scratch_catalog(&scratch, "api-v2", "1.0.0", "1.0.0");
    for (tag, catalog) in [("alpha-v0.3.1", "alpha"), ("api-v2-v1.0.0", "api-v2")] {
        let (ran, catalogs) = check(tag, "push");
        assert!(ran.ok, "{tag} is refused:\n{}", ran.out);
        assert!(ran.out.contains(&format!("release {tag}")), "{}", ran.out);
        assert_eq!(catalogs.as_deref(), Some(catalog), "{tag}");
    }

    let refused = [
        (
            "alpha-v0.3.2",
            "::error file=spec/alpha/catalog.yaml::the tag alpha-v0.3.2 is not alpha-v0.3.1, the version in spec/alpha/catalog.yaml",
        ),
        (
            "api-v2-v0.3.1",
            "::error file=spec/api-v2/catalog.yaml::the tag api-v2-v0.3.1 is not api-v2-v1.0.0",
        ),
        (
            "gamma-v1.0.0",
            "::error::the tag gamma-v1.0.0 names the catalog gamma, which generated/ does not hold (it holds: alpha api-v2)",
        ),
        (
            "v0.3.1",
            "::error::the tag v0.3.1 is not <catalog>-v<version>",
        ),
        (
            "-v0.3.1",
            "::error::the tag -v0.3.1 is not <catalog>-v<version>",
        ),
    ];
    for (tag, error) in refused {
        let (ran, _) = check(tag, "push");
        assert!(!ran.ok, "{tag} is accepted:\n{}", ran.out);
        assert!(ran.out.contains(error), "{tag}:\n{}", ran.out);
    }

    // A pull request checks every catalog; a crate and package that
    // disagree stop it, and only a tag of that catalog.
    scratch_catalog(&scratch, "beta", "0.2.0", "0.2.1");
    let (ran, catalogs) = check("7/merge", "pull_request");
    assert!(!ran.ok, "{}", ran.out);
    assert!(
        ran.out.contains("::error file=spec/beta/catalog.yaml::beta: the crate's version 0.2.0 differs from the npm package's 0.2.1"),
        "{}",
        ran.out
    );
    assert!(ran.out.contains("release alpha-v0.3.1"), "{}", ran.out);
    assert_eq!(catalogs.as_deref(), Some("alpha api-v2 beta"));
    scratch_catalog(&scratch, "beta", "0.2.1", "0.2.1");
    let (ran, _) = check("7/merge", "pull_request");
    assert!(ran.ok, "{}", ran.out);
    scratch_catalog(&scratch, "beta", "0.2.0", "0.2.1");
    let (ran, _) = check("alpha-v0.3.1", "push");
    assert!(ran.ok, "{}", ran.out);
}

#[test]
fn the_workspace_catalogs_pass_the_tag_check_at_their_versions() {
    let release = workflow("release.yml");
    let tag_check = script(step_with_id(&release, "plan", "tag"));
    let scratch = Scratch::new();
    let root = workspace_root();
    let catalogs = catalogs();
    for catalog in &catalogs {
        let tag = format!("{}-v{}", catalog.name, catalog.meta.version);
        let ran = scratch.run_in(&root, tag_check, &[("TAG", &tag), ("EVENT", "push")]);
        assert!(ran.ok, "{tag} is refused:\n{}", ran.out);
        assert_eq!(scratch.outputs()["catalogs"], catalog.name);
    }
    let ran = scratch.run_in(
        &root,
        tag_check,
        &[("TAG", "7/merge"), ("EVENT", "pull_request")],
    );
    assert!(ran.ok, "{}", ran.out);
    let planned: BTreeSet<String> = scratch.outputs()["catalogs"]
        .split(' ')
        .map(str::to_owned)
        .collect();
    let names: BTreeSet<String> = catalogs.iter().map(|c| c.name.clone()).collect();
    assert_eq!(planned, names);
}

#[test]
fn the_previous_release_is_the_latest_reachable_tag_of_the_same_catalog() {
    let release = workflow("release.yml");
    let plan = job(&release, "plan");
    let outputs = plan.as_mapping_get("outputs").expect("plan has outputs");
    assert_eq!(
        text(outputs, "catalogs"),
        Some("${{ steps.tag.outputs.catalogs }}")
    );
    assert_eq!(
        text(outputs, "baselines"),
        Some("${{ steps.previous.outputs.baselines }}")
    );
    let checkout = &steps(plan)[0];
    let depth = checkout
        .as_mapping_get("with")
        .and_then(|with| with.as_mapping_get("fetch-depth"))
        .and_then(YamlOwned::as_integer);
    assert_eq!(depth, Some(0), "plan fetches every tag");
    let step = step_with_id(&release, "plan", "previous");
    assert_eq!(
        env_of(step, "CATALOGS"),
        Some("${{ steps.tag.outputs.catalogs }}")
    );
    let lookup = script(step);

    let scratch = Scratch::new();
    // Each commit is told apart by its message (empty commits made in the
    // same second would otherwise be one).
    let commit = |message: &str, tags: &[&str]| {
        scratch.git(&["commit", "--quiet", "--allow-empty", "-m", message]);
        for tag in tags {
            scratch.git(&["tag", tag]);
        }
    };
    commit("first", &["api-v0.1.0", "api-v2-v0.1.0"]);
    commit("second", &["api-v0.9.0", "alpha-vnext"]);
    commit("third", &["api-v0.10.0", "api-v2-v0.2.0"]);
    scratch.git(&["switch", "--quiet", "--create", "side"]);
    commit("on a side branch", &["api-v0.11.0"]);
    scratch.git(&["switch", "--quiet", "main"]);
    commit("fourth", &[]);
    let baselines = |tag: &str, catalogs: &str| {
        let ran = scratch.run(lookup, &[("TAG", tag), ("CATALOGS", catalogs)]);
        assert!(ran.ok, "{}", ran.out);
        scratch.outputs()["baselines"].clone()
    };

    // A pull request: each catalog's own highest tag before HEAD (0.10.0
    // above 0.9.0; api-v2's tags are not api's; 0.11.0 is on another branch;
    // alpha-vnext is no release).
    assert_eq!(
        baselines("7/merge", "api api-v2 alpha"),
        "api:api-v0.10.0 api-v2:api-v2-v0.2.0 alpha:"
    );
    // Releasing a tag: the one before it.
    scratch.git(&["switch", "--quiet", "--detach", "api-v0.10.0"]);
    assert_eq!(baselines("api-v0.10.0", "api"), "api:api-v0.9.0");
    scratch.git(&["switch", "--quiet", "--detach", "api-v2-v0.1.0"]);
    assert_eq!(baselines("api-v2-v0.1.0", "api-v2"), "api-v2:");
}

#[test]
fn semver_checks_each_catalog_against_its_previous_release() {
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
    assert!(needs_all(&release, name).contains("plan"));
    let install = run_in(&release, name, "cargo install cargo-semver-checks");
    assert!(install.contains("--version \"$CARGO_SEMVER_CHECKS_VERSION\" --locked"));
    assert_eq!(
        env_of(step, "BASELINES"),
        Some("${{ needs.plan.outputs.baselines }}")
    );
    let check = script(step);

    let scratch = Scratch::new();
    scratch.fake("cargo", "case \"$*\" in *generated/api-v2/*) exit 1;; esac");
    let baselines = "api:api-v0.10.0 alpha: api-v2:api-v2-v0.2.0";
    let ran = scratch.run(check, &[("BASELINES", baselines)]);
    assert!(!ran.ok, "{}", ran.out);
    let checked = |catalog: &str, previous: &str| {
        format!(
            "cargo semver-checks check-release --manifest-path generated/{catalog}/rust/Cargo.toml --baseline-rev {previous}"
        )
    };
    assert_eq!(
        scratch.calls(),
        [
            checked("api", "api-v0.10.0"),
            checked("api-v2", "api-v2-v0.2.0")
        ]
    );
    for expected in [
        "::notice::alpha: no earlier release tag alpha-v*: this is its first release",
        "::error file=spec/api-v2/catalog.yaml::api-v2: cargo-semver-checks",
        "cargo-semver-checks failed for: api-v2",
    ] {
        assert!(ran.out.contains(expected), "{expected}:\n{}", ran.out);
    }

    let ran = scratch.run(check, &[("BASELINES", "api:api-v0.10.0 alpha:")]);
    assert!(ran.ok, "{}", ran.out);
}

/// The jobs that publish: a step runs `cargo publish`, `npm publish` or
/// `gh release create`, not as a dry run.
fn publishing_jobs(release: &YamlOwned) -> Vec<(&str, &YamlOwned)> {
    let publishing = ["cargo publish", "npm publish", "gh release create"];
    jobs(release)
        .into_iter()
        .filter(|(_, job)| {
            steps(job)
                .iter()
                .filter_map(|s| text(s, "run"))
                .any(|run| publishing.iter().any(|p| run.contains(p)) && !run.contains("--dry-run"))
        })
        .collect()
}

#[test]
fn publishing_waits_for_the_checks_and_runs_only_on_a_tag() {
    let release = workflow("release.yml");
    let gate = |needle: &str| {
        find_run(&release, |run| run.contains(needle))
            .unwrap_or_else(|| panic!("no step runs {needle}"))
            .0
    };
    let gates = [
        gate("is not $catalog-v$crate_version"),
        gate("cargo xtask check"),
        gate("cargo semver-checks check-release"),
    ];
    let publishing = publishing_jobs(&release);
    let names: Vec<&str> = publishing.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ["crate", "npm", "github-release"]);
    for (name, job) in publishing
        .iter()
        .chain([&("dry-run", job(&release, "dry-run"))])
    {
        let needs = needs_all(&release, name);
        for gate in gates {
            assert!(
                needs.contains(gate),
                "job `{name}` does not wait for `{gate}`"
            );
        }
        let event = if *name == "dry-run" {
            "pull_request"
        } else {
            "push"
        };
        assert_eq!(
            text(job, "if"),
            Some(format!("github.event_name == '{event}'").as_str()),
            "job `{name}`"
        );
        assert_eq!(
            env_of(job, "CATALOGS"),
            Some("${{ needs.plan.outputs.catalogs }}"),
            "job `{name}` releases the plan's catalogs"
        );
    }
    for (name, job) in jobs(&release) {
        let secret = steps(job)
            .iter()
            .filter_map(|s| s.as_mapping_get("env").and_then(YamlOwned::as_mapping))
            .flat_map(|env| env.values())
            .filter_map(YamlOwned::as_str)
            .any(|value| value.contains("secrets."));
        if secret {
            assert_eq!(text(job, "environment"), Some("release"), "job `{name}`");
        }
    }
}

#[test]
fn release_notes_start_at_the_catalogs_previous_release() {
    let release = workflow("release.yml");
    let step = step_running(&release, "github-release", "gh release create");
    assert_eq!(
        env_of(step, "BASELINES"),
        Some("${{ needs.plan.outputs.baselines }}")
    );
    let create = script(step);
    let scratch = Scratch::new();
    scratch.fake("gh", "");
    std::fs::create_dir_all(scratch.tmp.join("assets")).unwrap();
    std::fs::write(scratch.tmp.join("assets/alpha-codes-0.2.0.tgz"), "").unwrap();
    let asset = scratch.tmp.join("assets/alpha-codes-0.2.0.tgz");
    let env = |baselines| {
        [
            ("TAG", "alpha-v0.2.0"),
            ("GITHUB_REPOSITORY", "owner/error-codes"),
            ("GH_TOKEN", "token"),
            ("BASELINES", baselines),
        ]
    };
    let expected = format!(
        "gh release create alpha-v0.2.0 {} --repo owner/error-codes --verify-tag --title alpha-v0.2.0 --generate-notes",
        asset.display()
    );
    let ran = scratch.run(create, &env("alpha:alpha-v0.1.0"));
    assert!(ran.ok, "{}", ran.out);
    assert_eq!(
        scratch.calls(),
        [format!("{expected} --notes-start-tag alpha-v0.1.0")]
    );
    let ran = scratch.run(create, &env("alpha:"));
    assert!(ran.ok, "{}", ran.out);
    assert_eq!(scratch.calls(), [expected]);
}
