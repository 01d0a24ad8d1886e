//! Tauri's build step. The config lives at the repository root; the app manifest lists the
//! commands so that capabilities/ can grant them one by one (nothing is allowed by default).

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_ready",
        "app_info",
        "reference_model",
        "variables",
        "contract_templates",
        "library_list",
        "library_search",
        "library_get",
        "library_versions",
        "library_create",
        "library_update",
        "library_duplicate",
        "library_delete",
        "library_adopt_template",
        "library_export_pack",
        "library_import_pack",
        "settings_set",
        "analyze_pick",
        "analyze_bytes",
        "analyze_sample",
        "analyze_again",
        "export_png",
        "draft_list",
        "draft_get",
        "draft_new_from_template",
        "draft_new_blank",
        "draft_import_pick",
        "draft_save",
        "draft_name_version",
        "draft_versions",
        "draft_version",
        "draft_restore",
        "draft_delete",
        "draft_clause_blocks",
        "draft_analyze",
        "draft_align",
        "redline_candidates",
        "draft_compare",
        "comments_list",
        "comments_add",
        "comment_set_resolved",
        "comment_edit",
        "comment_delete",
        "comments_from_findings",
        "draft_export",
        "library_backup",
        "library_restore",
        "app_quit",
    ]);
    let attrs = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(manifest);
    if let Err(e) = tauri_build::try_build(attrs) {
        println!("cargo:warning=tauri build step failed: {e:#}");
        std::process::exit(1);
    }
}
