// Gaussian smoothing of a 3D volume (ITK's recursive Gaussian), FWHM in millimetres.
//
// The smoothing happens in index space: the ITK image gets the grid's voxel sizes as spacing and an
// identity direction, and the result is copied back into a Volume with the ORIGINAL grid, so our
// RAS affine is never converted to ITK's LPS and the world geometry cannot change.
//
//   core::Volume<float> gm = indicator_of(aal);          // 0/1 on the 1 mm grid
//   core::Volume<float> gm_pv = smooth_gaussian_fwhm(gm, 4.0);
#pragma once
#include "acuroi/core/volume.hpp"

namespace acuroi::simulate {

// fwhm_mm <= 0 returns a copy. sigma = FWHM / (2 sqrt(2 ln 2)) per axis, in mm.
core::Volume<float> smooth_gaussian_fwhm(const core::Volume<float>& volume, double fwhm_mm);

}  // namespace acuroi::simulate
