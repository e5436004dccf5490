/**
 * The service center (科技金融服务中心) exists from the first boot with a fixed id, so that two
 * instances booting at once cannot create it twice and staff accounts can always find it.
 */
export const SERVICE_CENTER_ID = '00000000-0000-4000-8000-000000000001';
export const SERVICE_CENTER_NAME = '青岛市科技金融服务中心';
