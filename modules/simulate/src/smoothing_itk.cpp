// The only translation unit of acuroi that includes ITK (compile time: keep it that way).
#include <itkImage.h>
#include <itkSmoothingRecursiveGaussianImageFilter.h>

#include <algorithm>
#include <cmath>

#include "acuroi/simulate/smoothing.hpp"

namespace acuroi::simulate {

core::Volume<float> smooth_gaussian_fwhm(const core::Volume<float>& volume, double fwhm_mm) {
  if (fwhm_mm <= 0.0) return volume;
  using Image = itk::Image<float, 3>;
  auto image = Image::New();
  Image::RegionType region;
  Image::SizeType size;
  for (int a = 0; a < 3; ++a) size[a] = static_cast<itk::SizeValueType>(volume.grid.dims[a]);
  region.SetSize(size);
  image->SetRegions(region);
  const Eigen::Vector3d voxel_mm = volume.grid.voxel_size_mm();
  Image::SpacingType spacing;
  for (int a = 0; a < 3; ++a) spacing[a] = voxel_mm[a];
  image->SetSpacing(spacing);  // origin 0, direction identity: index space with mm spacing
  image->Allocate();
  // ITK's buffer is first-index fastest, the same order as NIfTI and core::Volume.
  std::copy(volume.data.begin(), volume.data.end(), image->GetBufferPointer());

  using Filter = itk::SmoothingRecursiveGaussianImageFilter<Image, Image>;
  auto filter = Filter::New();
  filter->SetInput(image);
  filter->SetSigma(fwhm_mm / (2.0 * std::sqrt(2.0 * std::log(2.0))));
  filter->SetNormalizeAcrossScale(false);
  filter->Update();

  core::Volume<float> out{volume.grid, std::vector<float>(volume.data.size())};
  const float* smoothed = filter->GetOutput()->GetBufferPointer();
  std::copy(smoothed, smoothed + out.data.size(), out.data.begin());
  return out;
}

}  // namespace acuroi::simulate
