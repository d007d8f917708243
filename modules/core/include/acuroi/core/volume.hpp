// A 3D image in memory: a Grid and its voxel values in NIfTI order (i fastest).
//
//   Volume<float> v{grid, std::vector<float>(grid.voxel_count())};
//   float x = v.at(i, j, k);
#pragma once
#include <vector>

#include "acuroi/core/grid.hpp"

namespace acuroi::core {

template <class T>
struct Volume {
  Grid grid;
  std::vector<T> data;

  T& at(std::int64_t i, std::int64_t j, std::int64_t k) { return data[grid.linear_index(i, j, k)]; }
  const T& at(std::int64_t i, std::int64_t j, std::int64_t k) const {
    return data[grid.linear_index(i, j, k)];
  }
};

}  // namespace acuroi::core
