// discover_dataset edge cases: incomplete runs, resolutions, other entities, broken links, the
// participant filter, and the errors thrown when participants.tsv or the root is unusable.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "acuroi/core/error.hpp"
#include "acuroi/io/dataset.hpp"
#include "dataset_tree.hpp"

namespace acuroi::io {
namespace {

using test::RunSpec;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

DatasetSpec spec_for(const fs::path& root) {
  DatasetSpec spec;
  spec.root = root;
  spec.task = "rest";
  spec.space = "MNI152NLin6Asym";
  return spec;
}

std::vector<std::string> described(const Dataset& ds) {
  std::vector<std::string> lines;
  for (const auto& p : ds.problems) lines.push_back(describe(p));
  return lines;
}

TEST(DatasetLayout, IncompleteRunsAreListed) {
  test::TempFolder dir;
  const fs::path root = dir.path();
  test::write_file(root / "participants.tsv", "participant_id\tgroup\nsub-01\tverum\n");
  test::make_run(root, {.participant = "01", .session = "pre", .run = "1", .mask = false});
  test::make_run(root, {.participant = "01",
                        .session = "pre",
                        .run = "2",
                        .bold = false,
                        .mask = false});  // confounds only: the BOLD is missing
  test::make_run(root, {.participant = "01", .session = "pre", .run = "3"});
  fs::create_directories(root / "sub-01" / "ses-post" / "func");  // no BOLD at all
  test::make_run(root, {.participant = "01", .session = "post", .task = "motor"});

  const Dataset ds = discover_dataset(spec_for(root));
  const fs::path pre = root / "sub-01/ses-pre/func", post = root / "sub-01/ses-post/func";
  EXPECT_THAT(
      described(ds),
      ElementsAre(
          "sub-01 ses-pre run-1: missing brain mask: " +
              (pre / "sub-01_ses-pre_task-rest_run-1_space-MNI152NLin6Asym_desc-brain_mask.nii.gz")
                  .string(),
          "sub-01 ses-pre run-2: missing preproc BOLD: " +
              (pre /
               "sub-01_ses-pre_task-rest_run-2_space-MNI152NLin6Asym_desc-preproc_bold.nii.gz")
                  .string(),
          "sub-01 ses-post: no preproc BOLD for task 'rest' in space 'MNI152NLin6Asym': " +
              (post / "sub-01_ses-post_task-rest_space-MNI152NLin6Asym_desc-preproc_bold.nii.gz")
                  .string()));
  ASSERT_EQ(ds.participants.size(), 1u);
  ASSERT_EQ(ds.participants[0].session("pre")->runs.size(), 1u);
  EXPECT_EQ(ds.participants[0].session("pre")->runs[0].run, "3");
  EXPECT_TRUE(ds.participants[0].session("post")->runs.empty());
}

TEST(DatasetLayout, ResolutionsMustBeUnambiguous) {
  test::TempFolder dir;
  const fs::path root = dir.path();
  test::write_file(root / "participants.tsv", "participant_id\tgroup\n01\tsham\n");
  for (const std::string session : {"pre", "post"}) {
    test::make_run(root, {.participant = "01", .session = session, .res = "1"});
    test::make_run(root,
                   {.participant = "01", .session = session, .res = "2", .mask = session == "pre"});
  }
  test::write_file(root / "sub-01/anat/sub-01_space-MNI152NLin6Asym_res-1_label-GM_probseg.nii.gz",
                   "");
  test::write_file(root / "sub-01/anat/sub-01_space-MNI152NLin6Asym_res-2_label-GM_probseg.nii.gz",
                   "");

  const Dataset any = discover_dataset(spec_for(root));
  const std::string pre = (root / "sub-01/ses-pre/func").string();
  const std::string post = (root / "sub-01/ses-post/func").string();
  EXPECT_THAT(
      described(any),
      ElementsAre(
          "sub-01: several GM probability map files match (set the resolution, or remove "
          "all but one): sub-01_space-MNI152NLin6Asym_res-1_label-GM_probseg.nii.gz, "
          "sub-01_space-MNI152NLin6Asym_res-2_label-GM_probseg.nii.gz: " +
              (root / "sub-01/anat").string(),
          "sub-01 ses-pre: several preproc BOLD files match (set the resolution, or remove "
          "all but one): "
          "sub-01_ses-pre_task-rest_space-MNI152NLin6Asym_res-1_desc-preproc_bold.nii.gz, "
          "sub-01_ses-pre_task-rest_space-MNI152NLin6Asym_res-2_desc-preproc_bold.nii.gz: " +
              pre,
          "sub-01 ses-post: several preproc BOLD files match (set the resolution, or remove "
          "all but one): "
          "sub-01_ses-post_task-rest_space-MNI152NLin6Asym_res-1_desc-preproc_bold.nii.gz, "
          "sub-01_ses-post_task-rest_space-MNI152NLin6Asym_res-2_desc-preproc_bold.nii.gz: " +
              post));

  DatasetSpec res2 = spec_for(root);
  res2.resolution = "2";
  const Dataset ds = discover_dataset(res2);
  const RunSpec pre_run{.participant = "01", .session = "pre", .res = "2"};
  EXPECT_THAT(
      described(ds),
      ElementsAre("sub-01 ses-post: missing brain mask: " + post +
                  "/sub-01_ses-post_task-rest_space-MNI152NLin6Asym_res-2_desc-brain_mask.nii.gz"));
  const Participant& p = ds.participants.at(0);
  ASSERT_EQ(p.session("pre")->runs.size(), 1u);
  EXPECT_EQ(p.session("pre")->runs[0].bold, test::bold_path(root, pre_run));
  EXPECT_EQ(p.session("pre")->runs[0].brain_mask, test::mask_path(root, pre_run));
  EXPECT_EQ(p.anat.gm_probseg,
            root / "sub-01/anat/sub-01_space-MNI152NLin6Asym_res-2_label-GM_probseg.nii.gz");
}

TEST(DatasetLayout, OtherEntitiesAndBrokenLinks) {
  test::TempFolder dir;
  const fs::path root = dir.path();
  test::write_file(root / "participants.tsv", "participant_id\tgroup\n01\tsham\n");
  const fs::path pre = root / "sub-01/ses-pre/func";
  const std::string stem = "sub-01_ses-pre_task-rest_acq-mb_dir-AP_run-1";
  test::write_file(pre / (stem + "_space-MNI152NLin6Asym_desc-preproc_bold.nii.gz"), "");
  test::write_file(pre / (stem + "_space-MNI152NLin6Asym_desc-brain_mask.nii.gz"), "");
  test::write_file(pre / (stem + "_desc-confounds_timeseries.tsv"), "");
  // post: the BOLD is a dangling annex link, as in a datalad clone without `datalad get`.
  test::make_run(root, {.participant = "01", .session = "post", .bold = false});
  const RunSpec post_run{.participant = "01", .session = "post"};
  fs::create_symlink("../../../.git/annex/objects/XX/missing", test::bold_path(root, post_run));

  const Dataset ds = discover_dataset(spec_for(root));
  EXPECT_THAT(described(ds),
              ElementsAre("sub-01 ses-post: broken symbolic link (file content not present; with "
                          "datalad: datalad get): preproc BOLD: " +
                          test::bold_path(root, post_run).string()));
  const Session& session = *ds.participants.at(0).session("pre");
  ASSERT_EQ(session.runs.size(), 1u);
  EXPECT_EQ(session.runs[0].run, "1");
  EXPECT_EQ(session.runs[0].stem, stem);
  EXPECT_EQ(session.runs[0].confounds, pre / (stem + "_desc-confounds_timeseries.tsv"));
}

TEST(DatasetLayout, ParticipantFilterAndArmValues) {
  test::TempFolder dir;
  const fs::path root = dir.path();
  test::write_file(
      root / "participants.tsv",
      "participant_id\tarm\tage\nsub-2\tverum\t30\nsub-10\tn/a\t40\nsub-1\tsham\t50\n");
  for (const std::string p : {"1", "2", "10", "11"})
    for (const std::string s : {"baseline", "week4"})
      test::make_run(root, {.participant = p, .session = s});
  DatasetSpec spec = spec_for(root);
  spec.arm_column = "arm";
  spec.pre_session = "baseline";
  spec.post_session = "week4";

  const Dataset all = discover_dataset(spec);  // no allowed list: any non-missing arm
  std::vector<std::string> labels;
  for (const auto& p : all.participants) labels.push_back(p.label);
  EXPECT_THAT(labels, ElementsAre("1", "2", "10"));  // natural order
  EXPECT_THAT(described(all),
              ElementsAre("sub-10: no arm value (participants.tsv column 'arm', data row 2): " +
                              (root / "participants.tsv").string(),
                          "sub-11: participant folder is not listed in participants.tsv: " +
                              (root / "sub-11").string()));
  EXPECT_EQ(all.participants[0].session("week4")->runs.size(), 1u);

  spec.participant_labels = {"sub-2", "7"};
  const Dataset some = discover_dataset(spec);
  ASSERT_EQ(some.participants.size(), 1u);
  EXPECT_EQ(some.participants[0].label, "2");
  EXPECT_THAT(described(some),
              ElementsAre("sub-7: requested participant is not listed in participants.tsv: " +
                          (root / "participants.tsv").string()));
}

TEST(DatasetLayout, UnusableRootOrParticipantsTableThrows) {
  test::TempFolder dir;
  const fs::path root = dir.path();
  DatasetSpec spec = spec_for(root / "absent");
  EXPECT_EQ(test::input_error_of([&] { (void)discover_dataset(spec); }),
            (root / "absent").string() + ": dataset root does not exist");
  spec.root = root;
  EXPECT_EQ(test::input_error_of([&] { (void)discover_dataset(spec); }),
            (root / "participants.tsv").string() + ": participants table does not exist");

  const auto error_for = [&](const std::string& table) {
    test::write_file(root / "participants.tsv", table);
    return test::input_error_of([&] { (void)discover_dataset(spec); });
  };
  const std::string file = (root / "participants.tsv").string();
  EXPECT_EQ(error_for("participant_id\tarm\n01\tverum\n"),
            file + ": column = group: no such column; the columns are: 'participant_id', 'arm'");
  EXPECT_EQ(
      error_for("subject\tgroup\n01\tverum\n"),
      file + ": column = participant_id: no such column; the columns are: 'subject', 'group'");
  EXPECT_EQ(error_for("participant_id\tgroup\nsub-01\tverum\n01\tsham\n"),
            file +
                ": participant_id, data row 2 (line 3) = 01: participant appears twice (first "
                "in data row 1)");
  EXPECT_EQ(error_for("participant_id\tgroup\nsub-01_x\tverum\n"),
            file +
                ": participant_id, data row 1 (line 2) = sub-01_x: participant id must be "
                "'sub-<label>' or '<label>' with an alphanumeric label (BIDS)");
  EXPECT_EQ(error_for("participant_id\tgroup\nsub-\tverum\n"),
            file + ": participant_id, data row 1 (line 2) = sub-: participant id is empty");

  spec.task.clear();
  EXPECT_THROW((void)discover_dataset(spec), core::ConfigError);
  spec.task = "rest";
  spec.post_session = "pre";
  EXPECT_THROW((void)discover_dataset(spec), core::ConfigError);
}

}  // namespace
}  // namespace acuroi::io
