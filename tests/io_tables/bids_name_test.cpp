// BIDS file names: parse, format in BIDS entity order, reject what is not a BIDS name.
#include "acuroi/io/bids_name.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace acuroi::io {
namespace {

TEST(BidsName, ParsesFmriprepBoldName) {
  const auto name = parse_bids_name(
      "/data/sub-01/ses-pre/func/"
      "sub-01_ses-pre_task-rest_run-1_space-MNI152NLin6Asym_res-2_desc-preproc_bold.nii.gz");
  ASSERT_TRUE(name.has_value());
  EXPECT_EQ(name->sub, "01");
  EXPECT_EQ(name->ses, "pre");
  EXPECT_EQ(name->task, "rest");
  EXPECT_EQ(name->run, "1");
  EXPECT_EQ(name->space, "MNI152NLin6Asym");
  EXPECT_EQ(name->res, "2");
  EXPECT_EQ(name->desc, "preproc");
  EXPECT_EQ(name->suffix, "bold");
  EXPECT_EQ(name->extension, ".nii.gz");
  EXPECT_TRUE(name->acq.empty());
  EXPECT_TRUE(name->other_entities.empty());
}

TEST(BidsName, FormatsInBidsOrderAndRoundTrips) {
  for (const std::string file :
       {"sub-01_ses-pre_task-rest_run-1_space-MNI152NLin6Asym_res-2_desc-preproc_bold.nii.gz",
        "sub-01_ses-pre_task-rest_desc-confounds_timeseries.tsv",
        "sub-02_space-MNI152NLin2009cAsym_label-GM_probseg.nii.gz",
        "sub-03_ses-post_task-pain_acq-mb_dir-AP_run-02_echo-1_space-T1w_desc-brain_mask.nii",
        "sub-04_space-MNIPediatricAsym_cohort-1_res-2_desc-preproc_T1w.nii.gz",
        "sub-05_from-T1w_to-MNI152NLin2009cAsym_mode-image_xfm.h5", "task-rest_bold.json",
        "participants"}) {
    const auto name = parse_bids_name(file);
    ASSERT_TRUE(name.has_value()) << file;
    EXPECT_EQ(format_bids_name(*name), file);
  }
  BidsName built;
  built.suffix = "mask";
  built.extension = ".nii.gz";
  built.desc = "brain";
  built.space = "MNI152NLin6Asym";
  built.run = "3";
  built.set_entity("echo", "2");
  built.task = "rest";
  built.sub = "07";
  EXPECT_EQ(format_bids_name(built),
            "sub-07_task-rest_run-3_echo-2_space-MNI152NLin6Asym_desc-brain_mask.nii.gz");
  EXPECT_EQ(built.entity("echo"), "2");
  EXPECT_EQ(built.entity("run"), "3");
  built.set_entity("echo", "");
  EXPECT_EQ(built.entity("echo"), "");
  EXPECT_TRUE(built.other_entities.empty());
}

TEST(BidsName, RejectsNamesThatAreNotBids) {
  for (const std::string file :
       {"sub-01.nii.gz", "sub-01_ses-pre_bold-x.nii", "sub-01__bold.nii", "sub-01_sub-02_bold.nii",
        "sub_01_bold.nii", "sub-_bold.nii", "sub-01_task-rest-2_bold.nii", "_bold.nii", ".hidden",
        "sub-01_bold_.nii", ""})
    EXPECT_FALSE(parse_bids_name(file).has_value()) << file;
}

TEST(BidsName, NaturalOrder) {
  std::vector<std::string> runs = {"10", "2", "1", "02", "", "11", "9"};
  std::sort(runs.begin(), runs.end(),
            [](const std::string& a, const std::string& b) { return natural_less(a, b); });
  EXPECT_THAT(runs, ::testing::ElementsAre("", "1", "02", "2", "9", "10", "11"));
  EXPECT_TRUE(natural_less("sub2", "sub10"));
  EXPECT_FALSE(natural_less("sub10", "sub2"));
  EXPECT_TRUE(natural_less("a1b", "a1c"));
  EXPECT_FALSE(natural_less("x", "x"));
}

}  // namespace
}  // namespace acuroi::io
