// discover_dataset on a pre/post study tree: what is found, and the exact list of problems.
#include "acuroi/io/dataset.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dataset_tree.hpp"

namespace acuroi::io {
namespace {

using test::RunSpec;
namespace fs = std::filesystem;

// sub-01: pre/post x runs 1, 2, complete (run 1 with sidecar and events), plus files of another
//         task and another space (ignored), and participant-level anat.
// sub-02: pre/post x runs 1, 2, 10; post run 2 has no confounds.
// sub-03: pre only (post missing).
// sub-04: arm 'placebo' (not allowed); one run without a run entity, .nii files, session anat.
// sub-05: listed in participants.tsv, no folder.  sub-06: folder, not listed.
void build_study(const fs::path& root) {
  for (const std::string session : {"pre", "post"}) {
    for (const std::string run : {"1", "2"}) {
      test::make_run(root, {.participant = "01",
                            .session = session,
                            .run = run,
                            .sidecar = run == "1",
                            .events = run == "1"});
      test::make_run(root, {.participant = "01", .session = session, .task = "motor", .run = run});
      test::make_run(root, {.participant = "01", .session = session, .run = run, .space = "T1w"});
    }
    for (const std::string run : {"10", "2", "1"})
      test::make_run(root, {.participant = "02",
                            .session = session,
                            .run = run,
                            .confounds = !(session == "post" && run == "2")});
    test::make_run(root, {.participant = "04", .session = session, .extension = ".nii"});
    test::make_run(root, {.participant = "06", .session = session});
  }
  for (const std::string run : {"1", "2"})
    test::make_run(root, {.participant = "03", .session = "pre", .run = run});
  test::write_file(root / "sub-01/anat/sub-01_space-MNI152NLin6Asym_label-GM_probseg.nii.gz", "");
  test::write_file(root / "sub-01/anat/sub-01_space-MNI152NLin6Asym_desc-brain_mask.nii.gz", "");
  test::write_file(root / "sub-01/anat/sub-01_space-T1w_label-GM_probseg.nii.gz", "");
  test::write_file(
      root / "sub-04/ses-pre/anat/sub-04_ses-pre_space-MNI152NLin6Asym_label-GM_probseg.nii", "");
  test::write_file(root / "dataset_description.json", "{}");
}

const char* const kParticipantsWithPrefix =
    "participant_id\tgroup\tage\tsex\n"
    "sub-01\tverum\t34\tF\n"
    "sub-02\tsham\t29\tM\n"
    "sub-03\tverum\t41\tF\n"
    "sub-04\tplacebo\t30\tM\n"
    "sub-05\tsham\tn/a\tF\n";

const char* const kParticipantsWithoutPrefix =
    "participant_id\tgroup\tage\tsex\n"
    "01\tverum\t34\tF\n"
    "02\tsham\t29\tM\n"
    "03\tverum\t41\tF\n"
    "04\tplacebo\t30\tM\n"
    "05\tsham\tn/a\tF\n";

DatasetSpec study_spec(const fs::path& root, const std::string& participants_file) {
  DatasetSpec spec;
  spec.root = root;
  spec.participants_file = participants_file;
  spec.arms = {"verum", "sham"};
  spec.task = "rest";
  spec.space = "MNI152NLin6Asym";
  return spec;
}

std::vector<std::string> run_labels(const Session& s) {
  std::vector<std::string> labels;
  for (const auto& r : s.runs) labels.push_back(r.run);
  return labels;
}

void expect_study(const Dataset& ds, const fs::path& root, const fs::path& participants_file) {
  using ::testing::ElementsAre;
  using ::testing::ElementsAreArray;
  const RunSpec sub02_post_run2{.participant = "02", .session = "post", .run = "2"};
  const std::vector<DatasetProblem> expected = {
      {"02", "post", "2", "missing confounds file", test::confounds_path(root, sub02_post_run2)},
      {"03", "post", "", "missing session folder", root / "sub-03" / "ses-post"},
      {"04", "", "",
       "arm 'placebo' is not one of the allowed arms 'verum', 'sham' "
       "(participants.tsv column 'group', data row 4)",
       participants_file},
      {"05", "", "", "participant listed in participants.tsv has no folder", root / "sub-05"},
      {"06", "", "", "participant folder is not listed in participants.tsv", root / "sub-06"},
  };
  std::vector<std::string> described, expected_described;
  for (const auto& p : ds.problems) described.push_back(describe(p));
  for (const auto& p : expected) expected_described.push_back(describe(p));
  EXPECT_THAT(described, ElementsAreArray(expected_described));
  EXPECT_EQ(ds.problems, expected);

  ASSERT_EQ(ds.participants.size(), 4u);
  const Participant& p1 = ds.participants[0];
  EXPECT_EQ(p1.label, "01");
  EXPECT_EQ(p1.arm, "verum");
  EXPECT_EQ(p1.covariates, (std::map<std::string, std::string>{{"age", "34"}, {"sex", "F"}}));
  ASSERT_EQ(p1.sessions.size(), 2u);
  const Session& pre = *p1.session("pre");
  EXPECT_THAT(run_labels(pre), ElementsAre("1", "2"));
  const RunSpec r1{.participant = "01", .session = "pre", .run = "1"};
  EXPECT_EQ(pre.runs[0].bold, test::bold_path(root, r1));
  EXPECT_EQ(pre.runs[0].brain_mask, test::mask_path(root, r1));
  EXPECT_EQ(pre.runs[0].confounds, test::confounds_path(root, r1));
  EXPECT_EQ(pre.runs[0].sidecar_json, test::sidecar_path(root, r1));
  EXPECT_EQ(pre.runs[0].events, test::events_path(root, r1));
  EXPECT_EQ(pre.runs[0].stem, "sub-01_ses-pre_task-rest_run-1");
  EXPECT_FALSE(pre.runs[1].sidecar_json.has_value());
  EXPECT_FALSE(pre.runs[1].events.has_value());
  EXPECT_EQ(p1.anat.gm_probseg,
            root / "sub-01/anat/sub-01_space-MNI152NLin6Asym_label-GM_probseg.nii.gz");
  EXPECT_EQ(p1.anat.brain_mask,
            root / "sub-01/anat/sub-01_space-MNI152NLin6Asym_desc-brain_mask.nii.gz");
  EXPECT_FALSE(pre.anat.gm_probseg.has_value());

  const Participant& p2 = ds.participants[1];
  EXPECT_EQ(p2.arm, "sham");
  EXPECT_THAT(run_labels(*p2.session("pre")), ElementsAre("1", "2", "10"));
  EXPECT_THAT(run_labels(*p2.session("post")), ElementsAre("1", "10"));  // run 2 is incomplete

  const Participant& p3 = ds.participants[2];
  EXPECT_NE(p3.session("pre"), nullptr);
  EXPECT_EQ(p3.session("post"), nullptr);

  const Participant& p4 = ds.participants[3];
  EXPECT_EQ(p4.arm, "placebo");
  const RunSpec r4{.participant = "04", .session = "post", .extension = ".nii"};
  ASSERT_EQ(p4.session("post")->runs.size(), 1u);
  EXPECT_EQ(p4.session("post")->runs[0].run, "");
  EXPECT_EQ(p4.session("post")->runs[0].bold, test::bold_path(root, r4));
  EXPECT_EQ(p4.session("post")->runs[0].brain_mask, test::mask_path(root, r4));
  EXPECT_EQ(p4.session("pre")->anat.gm_probseg,
            root / "sub-04/ses-pre/anat/sub-04_ses-pre_space-MNI152NLin6Asym_label-GM_probseg.nii");
  EXPECT_FALSE(p4.anat.gm_probseg.has_value());

  EXPECT_FALSE(ds.has_problems("01"));
  EXPECT_TRUE(ds.has_problems("sub-02"));
  EXPECT_EQ(ds.participant("sub-03"), &ds.participants[2]);
  EXPECT_EQ(ds.participant("05"), nullptr);
}

TEST(Dataset, DiscoversStudyWithSubPrefixedIds) {
  test::TempFolder dir;
  build_study(dir.path());
  test::write_file(dir / "participants.tsv", kParticipantsWithPrefix);
  const Dataset ds = discover_dataset(study_spec(dir.path(), "participants.tsv"));
  EXPECT_EQ(ds.participants_file, dir / "participants.tsv");
  expect_study(ds, dir.path(), dir / "participants.tsv");
}

TEST(Dataset, DiscoversStudyWithBareIds) {
  test::TempFolder dir;
  build_study(dir.path());
  test::write_file(dir / "phenotype" / "participants.tsv", kParticipantsWithoutPrefix);
  const Dataset ds = discover_dataset(study_spec(dir.path(), "phenotype/participants.tsv"));
  expect_study(ds, dir.path(), dir / "phenotype" / "participants.tsv");
}

TEST(Dataset, DescribesProblemsForPeople) {
  EXPECT_EQ(describe({"02", "post", "2", "missing confounds file", "/d/x.tsv"}),
            "sub-02 ses-post run-2: missing confounds file: /d/x.tsv");
  EXPECT_EQ(describe({"", "", "", "something", ""}), "dataset: something");
}

}  // namespace
}  // namespace acuroi::io
