#include "acuroi/store/timeseries_file.hpp"

#include "acuroi/core/atomic_file.hpp"
#include "acuroi/core/error.hpp"
#include "acuroi/core/version.hpp"
#include "acuroi/store/h5_file.hpp"
#include "acuroi/store/values.hpp"

namespace acuroi::store {

void write_timeseries_file(const std::filesystem::path& path, const TimeseriesTable& table) {
  const auto columns = static_cast<std::size_t>(table.values.cols());
  if (table.roi_names.size() != columns || table.voxel_count.size() != columns ||
      table.coverage.size() != columns || table.roi_status.size() != columns)
    throw core::InputError(
        path.string(), "roi_names", std::to_string(table.roi_names.size()),
        "per-ROI arrays do not match the " + std::to_string(columns) + " columns");
  core::AtomicFile out(path);
  {
    H5File file = H5File::create(out.temporary_path());
    {
      H5Group root = file.root();
      root.write_attribute("acuroi_version", core::version());
      root.write_attribute("bold_path", table.bold_path);
      root.write_attribute("atlas", table.atlas);
      root.write_attribute("strategy", table.strategy);
      root.write_attribute("tr_seconds", table.tr_seconds);
      root.write_array("timeseries", matrix_array(table.values));
      root.write_array("roi_names", vector_array(table.roi_names));
      root.write_array("voxel_count", vector_array(table.voxel_count));
      root.write_array("coverage", vector_array(table.coverage));
      root.write_array("roi_status", vector_array(table.roi_status));
      root.write_array("affine", matrix_array(table.grid.affine));
      root.write_array("grid_dims", vector_array(std::vector<std::int64_t>(table.grid.dims.begin(),
                                                                           table.grid.dims.end())));
    }  // groups must be closed before the file
    file.close();
  }
  out.commit();
}

}  // namespace acuroi::store
