//! source-pages.yml, the scheduled workflow: it fetches every recorded page,
//! reads the pages into their tables, regenerates, and opens a pull request
//! only when something changed. Its scripts run in scratch repositories
//! with catalogs of their own, with fake `cargo`, `curl` and `gh`.

use saphyr::YamlOwned;

use super::{Scratch, env_of, jobs, run_in, step_running, steps, text, workflow};

const WORKFLOW: &str = "source-pages.yml";

/// The workflow's one job.
const JOB: &str = "update";

fn update_job(workflow: &YamlOwned) -> &YamlOwned {
    let jobs = jobs(workflow);
    assert_eq!(jobs.len(), 1, "one job");
    assert_eq!(jobs[0].0, JOB);
    jobs[0].1
}

/// The position of the step whose `run` contains `needle`.
fn step_index(workflow: &YamlOwned, needle: &str) -> usize {
    let step = step_running(workflow, JOB, needle);
    steps(update_job(workflow))
        .iter()
        .position(|s| std::ptr::eq(s, step))
        .expect("the step is the job's")
}

#[test]
fn source_pages_run_weekly_and_may_write_only_their_pull_request() {
    let pages = workflow(WORKFLOW);
    let on = pages.as_mapping_get("on").expect("triggers");
    let cron = on
        .as_mapping_get("schedule")
        .and_then(YamlOwned::as_sequence)
        .and_then(|s| s.first())
        .and_then(|entry| text(entry, "cron"))
        .expect("a schedule");
    let fields: Vec<&str> = cron.split(' ').collect();
    assert_eq!(fields.len(), 5, "{cron}");
    assert!(fields[4] != "*", "weekly: {cron}");
    assert!(on.as_mapping_get("workflow_dispatch").is_some(), "by hand");

    let job = update_job(&pages);
    let permissions = job.as_mapping_get("permissions").expect("permissions");
    let granted: Vec<(&str, &str)> = permissions
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str().unwrap(), v.as_str().unwrap()))
        .collect();
    assert_eq!(granted, [("contents", "write"), ("pull-requests", "write")]);

    // Fetch, read the pages, generate, propose, then fail if anything failed.
    let order: Vec<usize> = [
        "cargo xtask import --sources",
        "cargo xtask import --update",
        "cargo xtask gen",
        "gh pr create",
        "GEN_STATUS\" = 0",
    ]
    .iter()
    .map(|needle| step_index(&pages, needle))
    .collect();
    assert!(order.is_sorted(), "steps out of order: {order:?}");
    let pr = step_running(&pages, JOB, "gh pr create");
    assert_eq!(env_of(pr, "GH_TOKEN"), Some("${{ github.token }}"));
    assert_eq!(
        env_of(pr, "GEN_STATUS"),
        Some("${{ steps.gen.outputs.status }}")
    );
    assert_eq!(
        env_of(pr, "UNFETCHED"),
        Some("${{ steps.fetch.outputs.unfetched }}")
    );
    let ids: Vec<&str> = steps(job).iter().filter_map(|s| text(s, "id")).collect();
    assert_eq!(ids, ["fetch", "gen"]);
}

#[test]
fn every_recorded_page_is_fetched_into_its_catalog() {
    let pages = workflow(WORKFLOW);
    let fetch = run_in(&pages, JOB, "cargo xtask import --sources");
    let scratch = Scratch::new();
    let sources = scratch.root.join("sources.tsv");
    std::fs::write(
        &sources,
        "alpha\thttps://example.com/alpha.rst\tspec/alpha/source/alpha.rst\n\
         beta\thttps://example.com/missing.rst\tspec/beta/source/beta.rst\n\
         gamma\thttps://example.com/gamma.rst\tspec/alpha/source/gamma.rst\n\
         delta\thttps://example.com/delta.rst\tspec/delta/../alpha/source/alpha.rst\n",
    )
    .unwrap();
    scratch.fake(
        "cargo",
        &format!(
            "[ \"$*\" = \"xtask import --sources\" ] && cat '{}'",
            sources.display()
        ),
    );
    // Writes "page at URL" to --output, or fails as curl --fail does on a 404.
    scratch.fake(
        "curl",
        "for arg; do url=$arg; done\n\
         while [ $# -gt 0 ]; do [ \"$1\" = --output ] && out=$2; shift; done\n\
         case $url in *missing*) exit 22;; esac\n\
         echo \"page at $url\" > \"$out\"",
    );
    scratch.write("spec/alpha/source/alpha.rst", "old alpha\n");
    scratch.write("spec/beta/source/beta.rst", "old beta\n");

    let ran = scratch.run(fetch, &[]);
    assert!(
        ran.ok,
        "a page that cannot be fetched waits for the end:\n{}",
        ran.out
    );
    assert_eq!(
        scratch.read("spec/alpha/source/alpha.rst"),
        "page at https://example.com/alpha.rst\n"
    );
    assert_eq!(scratch.read("spec/beta/source/beta.rst"), "old beta\n");
    assert!(!scratch.repo.join("spec/alpha/source/gamma.rst").exists());
    assert_eq!(scratch.outputs()["unfetched"], "beta gamma delta");
    for error in [
        "::error file=spec/beta/catalog.yaml::beta: cannot fetch its page https://example.com/missing.rst",
        "::error::gamma: its page copy spec/alpha/source/gamma.rst is not inside spec/gamma/",
        "::error::delta: its page copy spec/delta/../alpha/source/alpha.rst is not inside spec/delta/",
    ] {
        assert!(ran.out.contains(error), "{error}:\n{}", ran.out);
    }
    let curls: Vec<String> = scratch
        .calls()
        .into_iter()
        .filter(|call| call.starts_with("curl "))
        .collect();
    assert_eq!(curls.len(), 2, "{curls:#?}");
    for call in &curls {
        assert!(call.contains("--fail "), "{call}");
        assert!(call.contains("--proto =https "), "{call}");
    }
}

#[test]
fn a_refused_gen_or_an_unfetched_page_fails_the_run_at_its_end() {
    let pages = workflow(WORKFLOW);
    let generate = run_in(&pages, JOB, "cargo xtask gen");
    let last = run_in(&pages, JOB, "GEN_STATUS\" = 0");
    let scratch = Scratch::new();
    scratch.fake("cargo", "echo 'error: AIS.1 left the table'; exit 2");
    let ran = scratch.run(generate, &[]);
    assert!(ran.ok, "the pull request still opens:\n{}", ran.out);
    assert_eq!(scratch.outputs()["status"], "2");
    let log = std::fs::read_to_string(scratch.tmp.join("gen.log")).unwrap();
    assert!(log.contains("AIS.1 left the table"), "{log}");
    assert_eq!(scratch.calls(), ["cargo xtask gen"]);

    for (unfetched, status, ok) in [("", "0", true), ("beta", "0", false), ("", "2", false)] {
        let ran = scratch.run(last, &[("UNFETCHED", unfetched), ("GEN_STATUS", status)]);
        assert_eq!(ran.ok, ok, "{unfetched:?} {status}:\n{}", ran.out);
    }
}

/// A repository with two catalogs, pushed to a bare `origin` beside it; the
/// path of `origin`.
fn repository_with_origin(scratch: &Scratch) -> String {
    let origin = scratch
        .root
        .join("origin.git")
        .to_string_lossy()
        .into_owned();
    scratch.git(&["init", "--quiet", "--bare", &origin]);
    for name in ["alpha", "beta"] {
        scratch.write(&format!("spec/{name}/error-codes.csv"), "code\nA.1\n");
        scratch.write(&format!("generated/{name}/catalog.json"), "{}\n");
    }
    scratch.git(&["add", "--all"]);
    scratch.git(&["commit", "--quiet", "-m", "two catalogs"]);
    scratch.git(&["remote", "add", "origin", &origin]);
    scratch.git(&["push", "--quiet", "origin", "main"]);
    origin
}

#[test]
fn a_pull_request_is_opened_only_when_a_page_changed_something() {
    let pages = workflow(WORKFLOW);
    let propose = run_in(&pages, JOB, "gh pr create");
    let scratch = Scratch::new();
    let origin = repository_with_origin(&scratch);
    scratch.fake("gh", "");
    std::fs::write(scratch.tmp.join("gen.log"), "advice: 0.1.1 (patch)\n").unwrap();
    let env = |status| {
        [
            ("GH_TOKEN", "token"),
            ("GEN_STATUS", status),
            ("UNFETCHED", ""),
            ("GITHUB_RUN_ID", "42"),
            ("GITHUB_RUN_ATTEMPT", "1"),
            ("GITHUB_REF_NAME", "main"),
        ]
    };

    let ran = scratch.run(propose, &env("0"));
    assert!(ran.ok, "{}", ran.out);
    assert!(ran.out.contains("No page changed"), "{}", ran.out);
    assert!(scratch.calls().is_empty(), "{:?}", scratch.calls());
    assert_eq!(
        scratch
            .git(&["--git-dir", &origin, "branch", "--list"])
            .trim(),
        "main"
    );

    scratch.write("spec/alpha/error-codes.csv", "code\nA.1\nA.2\n");
    scratch.write("generated/alpha/catalog.json", "{\"codes\": 2}\n");
    let ran = scratch.run(propose, &env("0"));
    assert!(ran.ok, "{}", ran.out);
    let branch = "source-pages/42-1";
    let files = scratch.git(&[
        "--git-dir",
        &origin,
        "show",
        "--name-only",
        "--format=%an%n%s",
        branch,
    ]);
    assert_eq!(
        files.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>(),
        [
            "github-actions[bot]",
            "Source pages: update alpha from their pages",
            "generated/alpha/catalog.json",
            "spec/alpha/error-codes.csv",
        ]
    );
    let body_file = scratch.tmp.join("body.md");
    assert_eq!(
        scratch.calls(),
        [format!(
            "gh pr create --base main --head {branch} --title Source pages: alpha changed --body-file {}",
            body_file.display()
        )]
    );
    let body = std::fs::read_to_string(&body_file).unwrap();
    for expected in [
        "source pages again changed: alpha.",
        "A person should review",
        "category",
        "advice: 0.1.1 (patch)",
    ] {
        assert!(body.contains(expected), "{expected}:\n{body}");
    }
    assert!(!body.contains("beta"), "{body}");
    assert!(!body.contains("refused"), "{body}");
}

#[test]
fn a_refused_gen_still_proposes_the_tables_and_says_so() {
    let pages = workflow(WORKFLOW);
    let propose = run_in(&pages, JOB, "gh pr create");
    let scratch = Scratch::new();
    let origin = repository_with_origin(&scratch);
    scratch.fake("gh", "");
    std::fs::write(scratch.tmp.join("gen.log"), "error: B.1 left the table\n").unwrap();
    scratch.write("spec/beta/error-codes.csv", "code\n");
    let env = [
        ("GH_TOKEN", "token"),
        ("GEN_STATUS", "2"),
        ("UNFETCHED", "alpha"),
        ("GITHUB_RUN_ID", "7"),
        ("GITHUB_RUN_ATTEMPT", "2"),
        ("GITHUB_REF_NAME", "main"),
    ];
    let ran = scratch.run(propose, &env);
    assert!(ran.ok, "{}", ran.out);
    assert!(
        scratch
            .git(&["--git-dir", &origin, "branch", "--list"])
            .contains("source-pages/7-2"),
        "one branch per run and attempt"
    );
    let body = std::fs::read_to_string(scratch.tmp.join("body.md")).unwrap();
    for expected in [
        "changed: beta.",
        "`cargo xtask gen` refused (exit 2)",
        "could not be fetched, and are unchanged: alpha.",
        "error: B.1 left the table",
    ] {
        assert!(body.contains(expected), "{expected}:\n{body}");
    }
}
