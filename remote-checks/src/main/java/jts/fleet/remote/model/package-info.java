/**
 * The storage model of one host, gathered in one remote round trip.
 *
 * <p>{@link jts.fleet.remote.model.GatherScript} is the fixed POSIX sh script run on the host (optional
 * argument: a sysroot for fixture trees). Its framed output ({@code @@jts-gather 1}, {@code @@section name
 * [key]} ... {@code @@end}, final {@code @@done}; content lines starting with {@code @} or {@code \} are
 * escaped with one {@code \}) is read by {@link jts.fleet.remote.model.GatherParser} into a
 * {@link jts.fleet.remote.model.HostSnapshot}: block devices (disks and partitions) classified by
 * {@link jts.fleet.remote.model.Classifier}, mounts from mountinfo, raw diskstats, and the extras later
 * features need. {@link jts.fleet.remote.model.TierAssigner} applies a policy
 * ({@link jts.fleet.remote.model.StorageModel}); {@link jts.fleet.remote.model.StatusJson} renders the
 * {@code status -o json} device and mount arrays.
 *
 * <p>Section names: {@code host}, {@code block <dev>}, {@code part <dev>} (with {@code parent=}),
 * {@code udev <dev>}, {@code diskstats}, {@code mountinfo}, {@code udev-rules <path>}, {@code tuned},
 * {@code env}, {@code state}, {@code trimlog}, {@code skipped}. Unknown sections are ignored so an older
 * controller can read a newer script's output.
 */
package jts.fleet.remote.model;
