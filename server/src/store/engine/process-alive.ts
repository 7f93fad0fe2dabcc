/** Whether a process with this id runs on this machine (false only when the system says there is none). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as { code?: string }).code !== 'ESRCH';
  }
}
